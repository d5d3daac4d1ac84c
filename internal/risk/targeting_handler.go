package risk

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
)

func (h *Handler) apiTargets(r *http.Request) (int, any, error) {
	q, err := h.planQuery(r)
	var owed bool
	if err == nil {
		owed, err = onlyOwed(r)
	}
	if err != nil {
		return 0, nil, err
	}
	t, err := h.svc.TargetsFor(r.Context(), q, owed)
	return http.StatusOK, t, err
}

func (h *Handler) targetsPage(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, targetsPage, func(q PlanQuery) (planView, error) {
		owed, err := onlyOwed(r)
		if err != nil {
			return planView{}, err
		}
		t, err := h.svc.TargetsFor(r.Context(), q, owed)
		if err != nil {
			return planView{}, err
		}
		return planView{PlanHeading: t.PlanHeading, Targets: t}, nil
	})
}

// onlyOwed reads ?owed=1 (only the businesses still owed inspections this year) or 0, the
// default (all).
func onlyOwed(r *http.Request) (bool, error) {
	switch r.URL.Query().Get("owed") {
	case "", "0":
		return false, nil
	case "1":
		return true, nil
	}
	return false, apperr.Fields(apperr.Field("risk_targeting_owed", "one_of", map[string]any{"values": "0, 1"}))
}
