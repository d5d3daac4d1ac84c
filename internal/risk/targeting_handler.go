package risk

import "net/http"

func (h *Handler) apiTargets(r *http.Request) (int, any, error) {
	q, err := h.planQuery(r)
	if err != nil {
		return 0, nil, err
	}
	t, err := h.svc.TargetsFor(r.Context(), q)
	return http.StatusOK, t, err
}

func (h *Handler) targetsPage(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, targetsPage, func(q PlanQuery) (planView, error) {
		t, err := h.svc.TargetsFor(r.Context(), q)
		if err != nil {
			return planView{}, err
		}
		return planView{PlanHeading: t.PlanHeading, Targets: t}, nil
	})
}
