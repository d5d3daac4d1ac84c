package enforce

import (
	"github.com/shejian/shejian/internal/web"
)

// formRoutes registers the pages' forms: plain POSTs with the session's CSRF token that
// redirect on success and show the form again, values kept, when refused.
func (h *Handler) formRoutes(r *web.Router) {
	r.Handle("GET /cases/new", PermWork, "Form to register a case source (案件来源登记) from a complaint, a sample or a referral", h.caseSourceForm)
	r.Handle("POST /cases", PermWork, "Register a case source from the form", h.caseSourceSave)
	r.Handle("POST /cases/{id}/steps", PermWork, "Record the next step of a case from the case page's form (filing, decision, closure and transfer need enforce.approve)", h.caseStepSave)
	r.Handle("POST /cases/{id}/hearing-request", PermWork, "Record the party's hearing request from the case page's form", h.hearingRequestSave)
	r.Handle("GET /rectifications/{id}", PermRead, "A rectification with its re-inspections and the re-inspection (复查) form", h.rectificationPage)
	r.Handle("POST /rectifications/{id}/rechecks", PermWork, "Record a re-inspection (复查) from the rectification page's form", h.recheckSave)
}
