package documents

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/web"
)

//go:embed locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the documents of inspections as PDF.
type Handler struct{ svc *Service }

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers the routes: a document of an inspection the caller may read (the scope
// of the inspection's own routes), and the result sheet of a published inspection for
// anyone.
func (h *Handler) Routes(r *web.Router) {
	for _, k := range Kinds {
		r.Handle("GET /api/v1/inspections/{uuid}/documents/"+string(k)+".pdf", access.InspectionRead,
			"A signed inspection's "+k.Title()+" as PDF, numbered when first asked for"+k.query(), h.document(k))
	}
	r.Handle("GET /api/v1/public/inspections/{uuid}/result.pdf", web.Public,
		"The result sheet (监督检查结果记录表) of a published inspection", h.publicResult)
}

// query names the query parameters of kind's route.
func (k Kind) query() string {
	if k == Order {
		return " (?deadline_days=, working days)"
	}
	return ""
}

// document serves document kind of the inspection the path names.
func (h *Handler) document(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		doc, err := h.render(r, kind)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		pdfdoc.Send(w, string(doc.Kind)+".pdf", doc.PDF, "private, no-store")
	}
}

func (h *Handler) render(r *http.Request, kind Kind) (*Document, error) {
	req := Request{SiteURL: web.SiteURL(r)}
	if s := r.URL.Query().Get("deadline_days"); s != "" {
		var err error
		if req.DeadlineDays, err = strconv.Atoi(s); err != nil {
			return nil, apperr.Fields(apperr.Field("deadline_days", "integer", nil))
		}
	}
	return h.svc.Render(r.Context(), r.PathValue("uuid"), kind, req)
}

func (h *Handler) publicResult(w http.ResponseWriter, r *http.Request) {
	doc, err := h.svc.RenderPublished(r.Context(), r.PathValue("uuid"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	pdfdoc.Send(w, string(doc.Kind)+".pdf", doc.PDF, "public, max-age=3600")
}
