package credit

import (
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/web"
)

// formRoutes registers the pages' forms: plain POSTs carrying the session's CSRF token
// (checked by access.Authenticate before any handler) that redirect to the record's page
// once saved and show the form again, as typed and with its errors, when refused. Every
// rule and every access check is the service's.
func (h *Handler) formRoutes(r *web.Router) {
	r.Handle("GET /credit/businesses/{id}/records/new", access.CreditWrite, "Form to enter a credit record of a business: a penalty or a listing (经营异常名录, 严重违法失信名单)", h.newRecordPage)
	r.Handle("POST /credit/businesses/{id}/records", access.CreditWrite, "Enter a credit record of the business from the form", h.newRecordSave)
	r.Handle("GET /credit/records/{id}", access.CreditRead, "A credit record with its publicity and repair requests, and the forms that act on it", h.recordPage)
	for _, a := range actionRoutes {
		r.Handle("POST /credit/records/{id}/"+a.action, access.CreditWrite, a.summary+", from the record page", h.actSave(a.action))
	}
	r.Handle("POST /credit/records/{id}/repairs", access.CreditRepair, "Ask for credit repair (信用修复) of the record from its page", h.repairSave)
	r.Handle("POST /credit/repairs/{id}/decision", access.CreditDecide, "Decide a credit-repair request from the record page (final)", h.decisionSave)
}

// recordPath is the page of credit record id.
func recordPath(id int64) string { return "/credit/records/" + strconv.FormatInt(id, 10) }
