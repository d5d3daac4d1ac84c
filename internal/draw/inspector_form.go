package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// inspectorsPageView is the inspector page's data: the directory's page and, to a caller who
// may manage it, the officers it may admit.
func (h *Handler) inspectorsPageView(r *http.Request) (directoryView[DirectoryInspector], error) {
	v, err := h.inspectorsView(r)
	if err == nil && canManage(r) {
		v.Candidates, err = h.draws.AdmissionCandidates(r.Context(), v.path)
	}
	return v, err
}

// saveAdmission admits the officer chosen in the form of an inspector page.
func (h *Handler) saveAdmission(r *http.Request, _ int64) error {
	var c apperr.Collector
	person := chosenID(&c, r, "person_id")
	if err := c.Err(); err != nil {
		return err
	}
	return h.admit(r.Context(), person)
}

// saveConflict declares the conflict (回避) of the form of an inspector page: an inspector
// of the page's, a business named by its USCC, and why.
func (h *Handler) saveConflict(r *http.Request, _ int64) error {
	var c apperr.Collector
	person := chosenID(&c, r, "person_id")
	uscc := web.FormValue(r, "business_uscc")
	if uscc == "" {
		c.Add("business_uscc", "required", nil)
	}
	if err := c.Err(); err != nil {
		return err
	}
	business, err := h.draws.businessByUSCC(r.Context(), "business_uscc", uscc)
	if err != nil {
		return err
	}
	return h.declareConflict(r.Context(), person, business, web.FormValue(r, "reason"))
}
