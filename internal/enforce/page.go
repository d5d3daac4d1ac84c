package enforce

import (
	"errors"
	"net/http"
	"slices"

	"github.com/shejian/shejian/internal/web"
)

var (
	rectificationsPage = web.MustPage(files, "templates/rectifications.html")
	casesPage          = web.MustPage(files, "templates/cases.html")
	casePage           = web.MustPage(files, "templates/case.html")
)

// rectificationsView is the data of a station's rectification list: what is overdue or
// escalated, then every live one.
type rectificationsView struct {
	Overdue []*Rectification
	Live    []*Rectification
}

func (h *Handler) rectificationsPage(w http.ResponseWriter, r *http.Request) {
	f, err := rectificationFilter(r)
	var v rectificationsView
	if err == nil {
		f.Overdue = true
		v.Overdue, err = h.svc.Rectifications(r.Context(), f)
	}
	if err == nil {
		f.Overdue, f.Live = false, true
		v.Live, err = h.svc.Rectifications(r.Context(), f)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rectificationsPage.Render(w, r, v)
}

func (h *Handler) casesPage(w http.ResponseWriter, r *http.Request) {
	f, err := caseFilter(r)
	var list []*Case
	if err == nil {
		list, err = h.svc.Cases(r.Context(), f)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	casesPage.Render(w, r, list)
}

// caseView is the data of the case page: the case, the steps that may come next, the
// steps the reader may record with the form, the offence catalogue of the decision, and a
// refused step or hearing-request form as typed with its error.
type caseView struct {
	*Case
	Next       []Step
	FormSteps  []Step
	Offences   []CatalogueEntry
	Measures   []string
	StepForm   stepForm
	StepErr    error
	HearingOn  string
	HearingErr error
	Refusal    string
}

func (h *Handler) casePage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.renderCase(w, r, id, caseView{})
}

// renderCase shows case id with the forms of v, answering the status of a refused form.
func (h *Handler) renderCase(w http.ResponseWriter, r *http.Request, id int64, v caseView) {
	c, err := h.svc.Case(r.Context(), id)
	if err == nil {
		v.Offences, err = h.svc.Catalogue(r.Context(), web.LangFrom(r.Context()))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Case, v.Next, v.Measures = c, c.nextSteps(), Measures
	for _, s := range v.Next {
		if !slices.Contains(needsApproval, s) || mayApprove(r.Context()) {
			v.FormSteps = append(v.FormSteps, s)
		}
	}
	v.Refusal = web.Refusal(w, r, errors.Join(v.StepErr, v.HearingErr))
	casePage.Render(w, r, v)
}
