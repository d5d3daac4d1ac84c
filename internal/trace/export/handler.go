package export

import (
	"embed"
	"fmt"
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed locale templates
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the regulator export: the workbook in the API, and a form that sends it.
type Handler struct {
	exporter *Exporter
	page     *web.Page
	now      func() time.Time
}

// NewHandler returns the handler of the exporter.
func NewHandler(exporter *Exporter) *Handler {
	return &Handler{exporter: exporter, page: web.MustPage(files, "templates/export.html"), now: time.Now}
}

// Routes registers the routes.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /api/v1/trace/export.xlsx", access.TraceRead,
		"Export the FSMA 204 traceability records (监管导出) of a product over a range of days as a sortable workbook", h.exportAPI)
	r.Handle("GET /trace/export", access.TraceRead, "The form of the regulator export, which sends the workbook", h.exportPage)
}

// exportAPI answers GET /api/v1/trace/export.xlsx?product=…&from=…&to=….
func (h *Handler) exportAPI(w http.ResponseWriter, r *http.Request) {
	req, err := ParseRequest(r.URL.Query())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.send(w, r, req)
}

// formView is the export form, with what was typed and why it was refused.
type formView struct {
	Product, From, To string
	Errors            []web.ProblemField
}

// exportPage answers GET /trace/export: the form, or with its fields the workbook, or
// the form again naming each bad field.
func (h *Handler) exportPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := formView{Product: q.Get("product"), From: q.Get("from"), To: q.Get("to")}
	if !q.Has("product") && !q.Has("from") && !q.Has("to") {
		h.render(w, r, http.StatusOK, v)
		return
	}
	req, err := ParseRequest(q)
	if e := apperr.From(err); err != nil && e.Code == apperr.Invalid {
		v.Errors = web.TranslateFields(web.LangFrom(r.Context()), e.Fields)
		h.render(w, r, http.StatusBadRequest, v)
		return
	}
	h.send(w, r, req)
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, v formView) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	h.page.Render(w, r, v)
}

// send builds the workbook of req for the caller and sends it; an error is answered
// before any byte of the workbook.
func (h *Handler) send(w http.ResponseWriter, r *http.Request, req Request) {
	ctx := r.Context()
	opts := Options{Scope: access.ScopeFrom(ctx), Unmasked: access.Can(web.UserFrom(ctx), access.PersonalData), Now: h.now()}
	wb, err := h.exporter.Export(ctx, req, opts)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	defer wb.Close()
	name := fmt.Sprintf("fsma204-%s-%s.xlsx", req.From.Format("20060102"), req.To.Format("20060102"))
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	wb.WriteTo(w) // a write error is the client's going away: nothing to answer
}
