package risk

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// The years a plan may be asked for.
const firstPlanYear, lastPlanYear = 2000, 2100

var (
	planPage    = web.MustPage(files, "templates/plan.html", "templates/plan_nav.html")
	overduePage = web.MustPage(files, "templates/overdue.html", "templates/plan_nav.html")
	targetsPage = web.MustPage(files, "templates/targeting.html", "templates/plan_nav.html")
)

// planRoutes registers the annual plan, the overdue list, predictive targeting and the
// plan's export. Each takes ?unit= (the caller's own unit by default) and ?year= (this year
// by default); a unit outside the caller's jurisdiction is not found.
func (h *Handler) planRoutes(r *web.Router) {
	r.Handle("GET /risk/plan", access.RiskRead, "The annual inspection plan of an org unit, drilled down to its businesses", h.planPage)
	r.Handle("GET /risk/overdue", access.RiskRead, "Businesses behind their inspection plan, per station", h.overduePage)
	r.Handle("GET /api/v1/risk/plan", access.RiskRead, "The annual inspection plan of an org unit: totals, areas and, for a station, its businesses", web.API(h.apiPlan))
	r.Handle("GET /api/v1/risk/overdue", access.RiskRead, "Businesses behind their inspection plan, per station, most urgent first", web.API(h.apiOverdue))
	r.Handle("GET /risk/targeting", access.RiskRead, "A station's businesses (?owed=1: those still owed inspections this year), the likeliest to be found non-compliant first", h.targetsPage)
	r.Handle("GET /api/v1/risk/targeting", access.RiskRead, "Predictive targeting: a station's businesses (?owed=1: those still owed inspections this year), ordered by the probability of a non-compliant finding, with reasons", web.API(h.apiTargets))
	r.Handle("GET /api/v1/risk/plan.xlsx", access.RiskRead, "The annual inspection plan of an org unit as a workbook, every business listed", h.planExport)
}

// planQuery reads ?unit= and ?year= of r in the caller's scope.
func (h *Handler) planQuery(r *http.Request) (PlanQuery, error) {
	scope := access.ScopeFrom(r.Context())
	now := h.now()
	q := PlanQuery{UnitID: ownUnit(scope.Path), Year: now.In(calendar.China).Year(), Now: now, Covers: scope.CoversOrgPath}
	var errs []apperr.FieldError
	if v := r.URL.Query().Get("unit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			errs = append(errs, apperr.Field("risk_plan_unit", "integer", nil))
		}
		q.UnitID = id
	}
	if v := r.URL.Query().Get("year"); v != "" {
		year, err := strconv.Atoi(v)
		if err != nil || year < firstPlanYear || year > lastPlanYear {
			errs = append(errs, apperr.Field("risk_plan_year", "between", map[string]any{"min": firstPlanYear, "max": lastPlanYear}))
		}
		q.Year = year
	}
	if len(errs) > 0 {
		return q, apperr.Fields(errs...)
	}
	return q, nil
}

func (h *Handler) apiPlan(r *http.Request) (int, any, error) {
	q, err := h.planQuery(r)
	if err != nil {
		return 0, nil, err
	}
	p, err := h.svc.PlanFor(r.Context(), q)
	return http.StatusOK, p, err
}

func (h *Handler) apiOverdue(r *http.Request) (int, any, error) {
	q, err := h.planQuery(r)
	if err != nil {
		return 0, nil, err
	}
	o, err := h.svc.OverdueFor(r.Context(), q)
	return http.StatusOK, o, err
}

// planView is the data of the plan and overdue pages: the plan or the list, the unit above
// (0 when outside the caller's scope) and the years to choose from.
type planView struct {
	PlanHeading
	Plan    *AnnualPlan
	Overdue *OverdueList
	Targets *TargetList
	Up      int64
	Years   []int
}

func (h *Handler) planPage(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, planPage, func(q PlanQuery) (planView, error) {
		p, err := h.svc.PlanFor(r.Context(), q)
		if err != nil {
			return planView{}, err
		}
		return planView{PlanHeading: p.PlanHeading, Plan: p}, nil
	})
}

func (h *Handler) overduePage(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, overduePage, func(q PlanQuery) (planView, error) {
		o, err := h.svc.OverdueFor(r.Context(), q)
		if err != nil {
			return planView{}, err
		}
		return planView{PlanHeading: o.PlanHeading, Overdue: o}, nil
	})
}

// renderPlan renders page with the view load makes for the request's query, completed
// with the unit above and the years to choose from.
func (h *Handler) renderPlan(w http.ResponseWriter, r *http.Request, page *web.Page, load func(PlanQuery) (planView, error)) {
	q, err := h.planQuery(r)
	var v planView
	if err == nil {
		v, err = load(q)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	unit := v.Unit
	if parent := strings.TrimSuffix(unit.Path, strconv.FormatInt(unit.ID, 10)+"/"); parent != "/" && access.ScopeFrom(r.Context()).CoversOrgPath(parent) {
		v.Up = ownUnit(parent)
	}
	for y := h.now().In(calendar.China).Year() + 1; y >= v.Year-2 && y >= firstPlanYear; y-- {
		v.Years = append(v.Years, y)
	}
	page.Render(w, r, v)
}

func (h *Handler) planExport(w http.ResponseWriter, r *http.Request) {
	q, err := h.planQuery(r)
	var p *AnnualPlan
	if err == nil {
		q.AllRows = true
		p, err = h.svc.PlanFor(r.Context(), q)
	}
	var book *planWorkbook
	if err == nil {
		book, err = newPlanWorkbook(p, web.LangFrom(r.Context()))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	defer book.Close()
	name := fmt.Sprintf("%d年度监督检查计划-%s.xlsx", p.Year, p.Unit.Name)
	w.Header().Set("Content-Type", xlsxContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="plan-%d-%d.xlsx"; filename*=UTF-8''%s`,
		p.Unit.ID, p.Year, url.PathEscape(name)))
	book.WriteTo(w)
}

// Range is the frequency of the row's grade as the bureau reads it: "≥1" when the rule
// gives a minimum only, "1–2" for a range, "1 in 2 years" below one a year.
func (r *PlanRow) Range(lang i18n.Lang) string {
	switch {
	case r.Grade == "":
		return ""
	case r.EveryYears > 0:
		return i18n.T(lang, "risk.plan.every_years", map[string]any{"n": r.EveryYears})
	case r.MinPerYear == r.MaxPerYear:
		return "≥" + strconv.FormatFloat(r.MinPerYear, 'f', -1, 64)
	}
	return strconv.FormatFloat(r.MinPerYear, 'f', -1, 64) + "–" + strconv.FormatFloat(r.MaxPerYear, 'f', -1, 64)
}

// home opens risk-graded supervision: a business's operator at its own grade, everyone
// else at the annual plan of their unit (or of the unit asked for), from which the overdue
// list, predictive targeting and each business's grade are a click away.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	if id := access.ScopeFrom(r.Context()).BusinessID; id != 0 && r.URL.Query().Get("unit") == "" {
		http.Redirect(w, r, "/risk/businesses/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	h.planPage(w, r)
}
