package documents

import (
	"embed"
	"fmt"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/web"
)

//go:embed locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the documents of cases as PDF.
type Handler struct{ svc *Service }

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers a route per kind: a document of a case the caller may read (the scope
// of the case's own routes), numbered when first asked for by staff who work on cases.
func (h *Handler) Routes(r *web.Router) {
	for _, k := range Kinds {
		r.Handle("GET /api/v1/enforce/cases/{id}/documents/"+string(k)+".pdf", access.EnforceRead,
			"A case's "+k.Title()+" as PDF, once its step is recorded; numbered when first asked for", h.document(k))
	}
}

// document serves document kind of the case the path names.
func (h *Handler) document(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		doc, err := h.svc.Render(r.Context(), id, kind)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		pdfdoc.Send(w, fmt.Sprintf("case-%d-%s.pdf", id, kind), doc.PDF, "private, no-store")
	}
}
