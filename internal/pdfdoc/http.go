package pdfdoc

import "net/http"

// Send writes pdf as an inline PDF named name, cached as cache says ("private, no-store"
// for staff documents).
func Send(w http.ResponseWriter, name string, pdf []byte, cache string) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	w.Header().Set("Cache-Control", cache)
	w.Write(pdf)
}
