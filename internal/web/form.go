package web

import (
	"cmp"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
)

// The pages' forms are plain POSTs that redirect once saved and, when refused for their
// input or for the state of the record they act on, show the form again as typed with the
// refusal beside its fields; any other failure is the error page.

// AfterForm ends the POST of a form: saved (err nil), it redirects to next (which may carry
// a query of its own, such as the page of a list) with the flash message flash; refused,
// again shows the form; otherwise the error page.
func AfterForm(w http.ResponseWriter, r *http.Request, err error, next, flash string, again func()) {
	switch apperr.CodeOf(err) {
	case "":
		sep := "?"
		if strings.Contains(next, "?") {
			sep = "&"
		}
		http.Redirect(w, r, next+sep+"flash="+flash, http.StatusSeeOther)
	case apperr.Invalid, apperr.Conflict:
		again()
	default:
		Fail(w, r, err)
	}
}

// Refusal answers the status of a page showing a form refused with err and returns the
// refusal as one sentence in the reader's language, for the top of the form; "" when
// nothing was refused.
func Refusal(w http.ResponseWriter, r *http.Request, err error) string {
	if err == nil {
		return ""
	}
	p := NewProblem(LangFrom(r.Context()), err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(p.Status)
	return cmp.Or(p.Detail, p.Title)
}

// FormValue is the trimmed value of field in the posted form.
func FormValue(r *http.Request, field string) string {
	return strings.TrimSpace(r.PostFormValue(field))
}

// FormNumber reads an amount typed in field (thousands separated by commas or not): empty
// is 0, anything else not a finite number a field error.
func FormNumber(c *apperr.Collector, field, s string) float64 {
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		c.Add(field, "number", nil)
	}
	return f
}

// FormInt reads a whole number typed in field: empty is 0, anything else not a whole
// number a field error.
func FormInt(c *apperr.Collector, field, s string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		c.Add(field, "integer", nil)
	}
	return n
}
