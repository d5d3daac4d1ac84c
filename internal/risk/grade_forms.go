package risk

import (
	"net/http"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/web"
)

// formRoutes registers the grade page's forms and the history import page: plain POSTs
// carrying the session's CSRF token (checked by access.Authenticate before any handler).
// The grade page's forms redirect to it once saved and show it again, the factors as typed
// with their errors, when refused. Every rule and every access check is the service's, as
// for the API.
func (h *Handler) formRoutes(r *web.Router) {
	r.Handle("POST /risk/businesses/{id}/factors", access.RiskWrite, "Record a business's static risk factors from its grade page", h.factorsSave)
	r.Handle("POST /risk/businesses/{id}/grade", access.RiskGrade, "Grade a business now and keep the grade, from its grade page", h.gradeSave)
	h.importRoutes(r)
}

// gradePath is the grade page of business id.
func gradePath(id int64) string { return "/risk/businesses/" + strconv.FormatInt(id, 10) }

func (h *Handler) factorsSave(w http.ResponseWriter, r *http.Request) {
	id, err := h.writableID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := factorsFormOf(r)
	f, err := form.factors()
	if err == nil {
		err = h.svc.SaveFactors(r.Context(), id, f)
	}
	web.AfterForm(w, r, err, gradePath(id), "risk.factors_saved", func() { h.renderGrade(w, r, id, &form, err, "") })
}

func (h *Handler) gradeSave(w http.ResponseWriter, r *http.Request) {
	id, err := h.writableID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	_, err = h.svc.GradeBusiness(r.Context(), id, h.now(), h.ProducersDraft)
	web.AfterForm(w, r, err, gradePath(id), "risk.graded", func() { h.renderGrade(w, r, id, nil, err, "") })
}
