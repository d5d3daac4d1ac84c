package enforce

import (
	"net/http"

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

// caseView is the data of the case page: the case and the steps that may come next.
type caseView struct {
	*Case
	Next []Step
}

func (h *Handler) casePage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	var c *Case
	if err == nil {
		c, err = h.svc.Case(r.Context(), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	casePage.Render(w, r, caseView{Case: c, Next: c.nextSteps()})
}
