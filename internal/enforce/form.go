package enforce

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
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

// shownOnForm reports whether err is a refusal the form shows beside its fields (bad
// input, or a conflict with the record's state) rather than on an error page.
func shownOnForm(err error) bool {
	code := apperr.CodeOf(err)
	return code == apperr.Invalid || code == apperr.Conflict
}

// afterForm redirects to next (with the "saved" flash) once a form saved, shows the form
// again with again when it was refused, or the error page for any other failure.
func afterForm(w http.ResponseWriter, r *http.Request, err error, next string, again func()) {
	switch {
	case err == nil:
		http.Redirect(w, r, next+"?flash=enforce.saved", http.StatusSeeOther)
	case shownOnForm(err):
		again()
	default:
		web.Fail(w, r, err)
	}
}

// refused answers the status of a form refused with err and returns the refusal as one
// sentence in the reader's language, for the top of the form; "" when err is nil.
func refused(w http.ResponseWriter, r *http.Request, err error) string {
	if err == nil {
		return ""
	}
	p := web.NewProblem(web.LangFrom(r.Context()), err)
	w.WriteHeader(p.Status)
	if p.Detail != "" {
		return p.Detail
	}
	return p.Title
}

// formNumber reads an amount typed in field: empty is 0, anything else not a number a
// field error.
func formNumber(c *apperr.Collector, field, s string) float64 {
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		c.Add(field, "number", nil)
	}
	return f
}

// formInt reads a whole number typed in field: empty is 0.
func formInt(c *apperr.Collector, field, s string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		c.Add(field, "integer", nil)
	}
	return n
}

// formValue is the trimmed value of field in the posted form.
func formValue(r *http.Request, field string) string {
	return strings.TrimSpace(r.PostFormValue(field))
}
