package credit

import (
	"embed"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var filePage = web.MustPage(files, "templates/file.html", "templates/repairs.html")

// Handler serves the credit page and the credit API.
type Handler struct{ svc *Service }

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers the credit pages with their forms and the JSON API. A business outside
// the caller's scope is not found to reads and forbidden to writes; the public projection is
// anyone's.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /credit/businesses/{id}", access.CreditRead, "A business's credit file: records, class explained line by line, repair requests", h.page)
	r.Handle("GET /api/v1/credit/businesses/{id}", access.CreditRead, "A business's credit file: records with publicity, class with explanation, repair requests", web.API(h.apiFile))
	r.Handle("POST /api/v1/credit/records", access.CreditWrite, "Enter a credit record: a penalty or a listing (经营异常名录, 严重违法失信名单)", web.API(h.apiRecord))
	for _, a := range actionRoutes {
		r.Handle("POST /api/v1/credit/records/{id}/"+a.action, access.CreditWrite, a.summary, web.API(h.apiAct(a.action)))
	}
	r.Handle("POST /api/v1/credit/repairs", access.CreditRepair, "Ask for credit repair (信用修复) of a record", web.API(h.apiRepair))
	r.Handle("POST /api/v1/credit/repairs/{id}/decision", access.CreditDecide, "Decide a credit-repair request (final)", web.API(h.apiDecide))
	r.Handle("POST /api/v1/credit/reclassify", access.CreditReclassify, "Recompute the credit class of every business with a record (city-wide)", web.API(h.apiReclassify))
	r.Handle("GET /api/v1/credit/public/{uscc}", web.Public, "The public credit records of a business: published, in their period, not withdrawn", web.API(h.apiPublic))
	h.formRoutes(r)
}

// actionRoutes are the actions on a record, in the order the record page offers them, each
// with the summary of its routes.
var actionRoutes = []struct{ action, summary string }{
	{ActionPublish, "Mark a credit record published on the 公示系统"},
	{ActionRevoke, "Record that a penalty decision was changed, revoked or found void"},
	{ActionWithdraw, "Mark a revoked penalty's publicity withdrawn"},
	{ActionRemove, "Remove a business from a list (移出)"},
}

func (h *Handler) apiFile(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	f, err := h.svc.File(r.Context(), id)
	return http.StatusOK, f, err
}

func (h *Handler) apiRecord(r *http.Request) (int, any, error) {
	var in RecordInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	rec, err := h.svc.AddRecord(r.Context(), in)
	return http.StatusCreated, rec, err
}

func (h *Handler) apiAct(action string) func(r *http.Request) (int, any, error) {
	return func(r *http.Request) (int, any, error) {
		id, err := web.PathID(r, "id")
		if err != nil {
			return 0, nil, err
		}
		var in ActionInput
		if err := web.DecodeJSON(r, &in); err != nil {
			return 0, nil, err
		}
		rec, err := h.svc.Act(r.Context(), id, action, in)
		return http.StatusOK, rec, err
	}
}

func (h *Handler) apiRepair(r *http.Request) (int, any, error) {
	var in RepairInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	rp, err := h.svc.RequestRepair(r.Context(), in)
	return http.StatusCreated, rp, err
}

func (h *Handler) apiDecide(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var d Decision
	if err := web.DecodeJSON(r, &d); err != nil {
		return 0, nil, err
	}
	rp, err := h.svc.Decide(r.Context(), id, d)
	return http.StatusOK, rp, err
}

func (h *Handler) apiReclassify(r *http.Request) (int, any, error) {
	if !access.ScopeFrom(r.Context()).CityWide() {
		return 0, nil, apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
	}
	n, err := h.svc.Reclassify(r.Context())
	return http.StatusOK, map[string]int{"changed": n}, err
}

func (h *Handler) apiPublic(r *http.Request) (int, any, error) {
	f, err := h.svc.Public(r.Context(), r.PathValue("uscc"))
	return http.StatusOK, f, err
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var f *File
		if f, err = h.svc.File(r.Context(), id); err == nil {
			filePage.Render(w, r, f)
			return
		}
	}
	web.Fail(w, r, err)
}
