package enforce

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the rectification and case pages and the enforcement API.
type Handler struct{ svc *Service }

// NewHandler returns the handler over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers the pages and the JSON API under /api/v1/enforce.
func (h *Handler) Routes(r *web.Router) {
	const base = "/api/v1/enforce"
	r.Handle("GET /rectifications", PermRead, "Rectifications (整改) in scope: live ones by deadline, overdue and escalated ones first", h.rectificationsPage)
	r.Handle("GET /cases", PermRead, "Cases (立案查处) in scope with their current step and deadline", h.casesPage)
	r.Handle("GET /cases/{id}", PermRead, "A case with every step, who approved it and its deadline", h.casePage)
	r.Handle("GET "+base+"/rectifications", PermRead, "List rectifications in scope (?station=, ?district=, ?business=, ?live=1, ?overdue=1)", web.API(h.apiRectifications))
	r.Handle("GET "+base+"/rectifications/overdue-by-station", PermRead, "Overdue rectifications counted per station (?district=), for dashboards", web.API(h.apiOverdueByStation))
	r.Handle("POST "+base+"/rectifications/escalate-overdue", PermApprove, "Escalate the overdue rectifications in scope to their station's head (a daily job does it city-wide)", web.API(h.apiEscalate))
	r.Handle("GET "+base+"/rectifications/{id}", PermRead, "A rectification with its re-inspections", web.API(h.apiRectification))
	r.Handle("POST "+base+"/rectifications/{id}/rechecks", PermWork, "Record a re-inspection (复查): passed closes, failed sets a new deadline or escalates", web.API(h.apiRecheck))
	r.Handle("GET "+base+"/cases", PermRead, "List cases in scope (?station=, ?open=1, ?overdue=1)", web.API(h.apiCases))
	r.Handle("POST "+base+"/cases", PermWork, "Register a case source (案件来源登记) from a complaint, a sample or a referral", web.API(h.apiRegister))
	r.Handle("GET "+base+"/cases/{id}", PermRead, "A case with its steps", web.API(h.apiCase))
	r.Handle("POST "+base+"/cases/{id}/steps", PermWork, "Record the next step of a case (filing, decision, closure and transfer need enforce.approve)", web.API(h.apiStep))
	r.Handle("POST "+base+"/cases/{id}/hearing-request", PermWork, "Record the party's request for a hearing (要求听证) after the notice", web.API(h.apiHearingRequest))
	r.Handle("GET "+base+"/offences", PermRead, "The offence catalogue (违法行为目录): each offence's legal basis and the fine range in force today", web.API(h.apiOffences))
	h.formRoutes(r)
}

func (h *Handler) apiOffences(r *http.Request) (int, any, error) {
	list, err := h.svc.Catalogue(r.Context(), web.LangFrom(r.Context()))
	return http.StatusOK, list, err
}

func (h *Handler) apiRectifications(r *http.Request) (int, any, error) {
	f, err := rectificationFilter(r)
	if err != nil {
		return 0, nil, err
	}
	list, err := h.svc.Rectifications(r.Context(), f)
	return http.StatusOK, list, err
}

func (h *Handler) apiOverdueByStation(r *http.Request) (int, any, error) {
	district, err := queryID(r, "district")
	if err != nil {
		return 0, nil, err
	}
	counts, err := h.svc.OverdueByStation(r.Context(), district)
	return http.StatusOK, counts, err
}

func (h *Handler) apiEscalate(r *http.Request) (int, any, error) {
	n, err := h.svc.EscalateOverdue(r.Context(), access.ScopeFrom(r.Context()))
	return http.StatusOK, map[string]int{"escalated": n}, err
}

func (h *Handler) apiRectification(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	rc, err := h.svc.Rectification(r.Context(), id)
	return http.StatusOK, rc, err
}

func (h *Handler) apiRecheck(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in RecheckInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	rc, err := h.svc.Recheck(r.Context(), id, in)
	return http.StatusCreated, rc, err
}

func (h *Handler) apiCases(r *http.Request) (int, any, error) {
	f, err := caseFilter(r)
	if err != nil {
		return 0, nil, err
	}
	list, err := h.svc.Cases(r.Context(), f)
	return http.StatusOK, list, err
}

func (h *Handler) apiRegister(r *http.Request) (int, any, error) {
	var in CaseSourceInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	c, err := h.svc.RegisterCase(r.Context(), in)
	return http.StatusCreated, c, err
}

func (h *Handler) apiCase(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	c, err := h.svc.Case(r.Context(), id)
	return http.StatusOK, c, err
}

func (h *Handler) apiStep(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in StepInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	c, err := h.svc.Advance(r.Context(), id, in)
	return http.StatusCreated, c, err
}

func (h *Handler) apiHearingRequest(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in HearingRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	c, err := h.svc.RequestHearing(r.Context(), id, in)
	return http.StatusOK, c, err
}

// queryID reads the optional id parameter name of the query string; 0 when absent.
func queryID(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Fields(apperr.Field(name, "integer", nil))
	}
	return id, nil
}

func rectificationFilter(r *http.Request) (RectificationFilter, error) {
	q := r.URL.Query()
	f := RectificationFilter{Live: q.Get("live") == "1", Overdue: q.Get("overdue") == "1"}
	var err error
	for _, p := range []struct {
		name string
		v    *int64
	}{{"station", &f.StationID}, {"district", &f.DistrictID}, {"business", &f.BusinessID}} {
		if *p.v, err = queryID(r, p.name); err != nil {
			return f, err
		}
	}
	return f, nil
}

func caseFilter(r *http.Request) (CaseFilter, error) {
	q := r.URL.Query()
	station, err := queryID(r, "station")
	return CaseFilter{StationID: station, Open: q.Get("open") == "1", Overdue: q.Get("overdue") == "1"}, err
}
