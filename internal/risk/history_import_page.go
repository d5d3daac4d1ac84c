package risk

import (
	"embed"
	"log/slog"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// examples are the example history files, one per language: the header a file takes and
// rows of each shape, to download, fill in and upload.
//
//go:embed examples
var examples embed.FS

var importPage = web.MustPage(files, "templates/history_import.html")

// importRoutes registers the history import page: the upload form with the columns a file
// takes, its report, and the example file.
func (h *Handler) importRoutes(r *web.Router) {
	r.Handle("GET /risk/history/import", access.RiskWrite, "Form to import record history (CSV or xlsx), all or nothing", h.importForm)
	r.Handle("POST /risk/history/import", access.RiskWrite, "Import record history from the uploaded file, all or nothing, and show its report", h.importSubmit)
	r.Handle("GET /risk/history/import/example.csv", access.RiskWrite, "Download an example history CSV with the header the import takes", h.importExample)
}

// importView is the import page: the columns and codes a file takes and, after an upload,
// its report: the counts when imported, or the refusal with the bad cells by row and what
// is wrong with the file as a whole.
type importView struct {
	Columns    []importColumn
	Kinds      []EventKind
	Results    []string
	Submitted  bool
	Report     ImportReport
	Refusal    string
	Cells      []apperr.FieldError
	FileErrors []string
}

// importColumn is a column of a history file: its field, the two headers it may have
// (English code, Chinese label) and whether every file needs it.
type importColumn struct {
	Field, Code, Label string
	Required           bool
}

func newImportView() importView {
	v := importView{Kinds: EventKinds, Results: []string{ResultCompliant, ResultBasic, ResultNonCompliant}}
	for _, c := range historyColumns {
		v.Columns = append(v.Columns, importColumn{Field: c.field, Code: c.headers[0], Label: c.headers[1], Required: c.required})
	}
	return v
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	importPage.Render(w, r, newImportView())
}

// importSubmit imports the upload as the API does and shows the report; a refusal answers
// its status (400, or 403 when a row names a business outside the caller's jurisdiction).
func (h *Handler) importSubmit(w http.ResponseWriter, r *http.Request) {
	name, data, err := readUpload(r)
	v := newImportView()
	if err == nil {
		v.Report, err = h.svc.ImportHistory(r.Context(), name, data, ScopeOf(r.Context()))
	}
	bad := apperr.From(err).Fields
	if code := apperr.CodeOf(err); code != "" && code != apperr.Invalid && len(bad) == 0 {
		web.Fail(w, r, err)
		return
	}
	v.Submitted = true
	lang := web.LangFrom(r.Context())
	for _, f := range bad {
		if f.Row > 0 {
			v.Cells = append(v.Cells, f)
		} else {
			v.FileErrors = append(v.FileErrors, web.FieldMessage(lang, f))
		}
	}
	v.Refusal = web.Refusal(w, r, err)
	importPage.Render(w, r, v)
}

// importExample sends the example file in the reader's language.
func (h *Handler) importExample(w http.ResponseWriter, r *http.Request) {
	data, err := examples.ReadFile("examples/history." + string(web.LangFrom(r.Context())) + ".csv")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="risk-history-example.csv"`)
	if _, err := w.Write(data); err != nil {
		slog.DebugContext(r.Context(), "send the example history file", "err", err)
	}
}
