package sheets

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// MaxShownLines bounds the bad cells the result page lists; the report has them all.
const MaxShownLines = 500

// importView is the import page: the form, and after an upload either the count imported,
// what is wrong with the file, or the bad cells of a refused import.
type importView struct {
	Submitted  bool
	Imported   int
	FileErrors []string
	Lines      []Line
	Errors     int // bad cells in all, including those not shown or omitted
	BadRows    int
	ReportID   string
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	h.page.Render(w, r, importView{})
}

func (h *Handler) importSubmit(w http.ResponseWriter, r *http.Request) {
	res, reportID, err := h.importUpload(w, r)
	switch code := apperr.CodeOf(err); code {
	case "":
		h.showResult(w, r, res, reportID)
	case apperr.Invalid, apperr.TooLarge:
		h.showFileErrors(w, r, err)
	default:
		web.Fail(w, r, err)
	}
}

// showResult shows the count imported, or the first bad cells and the report link.
func (h *Handler) showResult(w http.ResponseWriter, r *http.Request, res *Result, reportID string) {
	v := importView{Submitted: true, Imported: res.Imported, ReportID: reportID}
	if len(res.Errors) > 0 {
		v.Lines = Lines(web.LangFrom(r.Context()), res.Errors[:min(len(res.Errors), MaxShownLines)])
		v.Errors, v.BadRows = len(res.Errors)+res.Omitted, badRows(res.Errors)
		w.WriteHeader(http.StatusBadRequest)
	}
	h.page.Render(w, r, v)
}

// showFileErrors shows what is wrong with the upload as a whole, above the form.
func (h *Handler) showFileErrors(w http.ResponseWriter, r *http.Request, err error) {
	p := web.NewProblem(web.LangFrom(r.Context()), err)
	v := importView{Submitted: true, FileErrors: []string{p.Title}}
	if len(p.Errors) > 0 {
		v.FileErrors = v.FileErrors[:0]
		for _, f := range p.Errors {
			v.FileErrors = append(v.FileErrors, f.Message)
		}
	}
	w.WriteHeader(p.Status)
	h.page.Render(w, r, v)
}

// badRows counts the distinct rows of errs, which are in row order.
func badRows(errs []CellError) int {
	n, last := 0, 0
	for _, e := range errs {
		if e.Row != last {
			n, last = n+1, e.Row
		}
	}
	return n
}
