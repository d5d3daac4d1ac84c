package inspect

import (
	"embed"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var (
	listPage   = web.MustPage(files, "templates/templates.html")
	detailPage = web.MustPage(files, "templates/template.html")
)

// Handler serves the template pages and the template API.
type Handler struct{ svc *Service }

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers the pages and the JSON API of checklist templates. Templates are
// city-wide: no route is narrowed by jurisdiction, and the manage routes are meant for the
// city admin alone (see access.InspectTemplateManage).
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /inspect/templates", access.InspectTemplateRead, "Checklist templates (监督检查要点表) by sector, every version", h.listPage)
	r.Handle("GET /inspect/templates/{id}", access.InspectTemplateRead, "A checklist template version: items by content area, result rule", h.detailPage)
	r.Handle("GET /api/v1/inspect/templates", access.InspectTemplateRead, "List checklist template versions", web.API(h.apiList))
	r.Handle("POST /api/v1/inspect/templates", access.InspectTemplateManage, "Create a draft version of a sector's checklist template", web.API(h.apiCreate))
	r.Handle("POST /api/v1/inspect/templates/import", access.InspectTemplateManage, "Import a checklist template workbook (xlsx) as a new draft version, all or nothing", web.API(h.apiImport))
	r.Handle("GET /api/v1/inspect/templates/{id}", access.InspectTemplateRead, "Get a checklist template version with its items", web.API(h.apiGet))
	r.Handle("PUT /api/v1/inspect/templates/{id}", access.InspectTemplateManage, "Replace the content of a draft version (a published version is final: 409)", web.API(h.apiUpdate))
	r.Handle("POST /api/v1/inspect/templates/{id}/publish", access.InspectTemplateManage, "Publish a draft version; it becomes final", web.API(h.apiPublish))
	r.Handle("POST /api/v1/inspect/templates/{id}/versions", access.InspectTemplateManage, "Copy a version into a new draft version to adjust", web.API(h.apiNewVersion))
	r.Handle("POST /api/v1/inspect/templates/{id}/judge", access.InspectTemplateRead, "Judge answers under a version's result rule, with the reason", web.API(h.apiJudge))
	r.Handle("GET /api/v1/inspect/templates/{id}/export.xlsx", access.InspectTemplateRead, "Export a checklist template version as an xlsx workbook", h.export)
}
