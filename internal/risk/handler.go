package risk

import (
	"embed"
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var gradePage = web.MustPage(files, "templates/grade.html")

// Handler serves the grade page and the risk API.
type Handler struct {
	svc *Service
	// ProducersDraft grades producers under the 2022 draft instead of the 2016 scheme.
	ProducersDraft bool
	now            func() time.Time
}

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc, now: time.Now} }

// Routes registers the grade page with its forms, the history import page and the JSON API.
// Every route is confined to the caller's jurisdiction: reading a business outside it is
// not found, writing about one (its factors, its grade, an imported row naming it) is
// forbidden; recomputing the city, in the background, needs a city-wide scope.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /risk", access.RiskRead, "Risk-graded supervision: the annual plan of the caller's unit, or a business's own grade", h.home)
	r.Handle("GET /risk/businesses/{id}", access.RiskRead, "A business's risk grade explained point by point, with its history", h.page)
	r.Handle("GET /api/v1/risk/businesses/{id}", access.RiskRead, "A business's risk factors, grade with explanation, and grade history", web.API(h.apiCard))
	r.Handle("PUT /api/v1/risk/businesses/{id}/factors", access.RiskWrite, "Record a business's static risk factors", web.API(h.apiFactors))
	r.Handle("POST /api/v1/risk/businesses/{id}/grade", access.RiskGrade, "Grade a business now and keep the grade", web.API(h.apiGrade))
	r.Handle("POST /api/v1/risk/history/import", access.RiskWrite, "Import record history (CSV or xlsx), all or nothing", web.API(h.apiImport))
	h.recomputeRoutes(r)
	h.planRoutes(r)
	h.formRoutes(r)
}

// writableID is the business of r's path when the caller may write about it: NotFound when
// there is none, Forbidden outside the caller's jurisdiction.
func (h *Handler) writableID(r *http.Request) (int64, error) {
	id, err := web.PathID(r, "id")
	if err == nil {
		_, err = h.svc.writable(r.Context(), id, ScopeOf(r.Context()))
	}
	return id, err
}
