package registry

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

func (h *Handler) personRoutes(r *web.Router) {
	r.Handle("GET /people", access.PersonRead, "Staff and coordinators", h.peopleList)
	r.Handle("GET /people/new", access.PersonWrite, "Form for a new person", h.personNew)
	r.Handle("POST /people", access.PersonWrite, "Create a person from the form", h.personCreateForm)
	r.Handle("GET /people/{id}/edit", access.PersonWrite, "Form to edit a person", h.personEdit)
	r.Handle("POST /people/{id}", access.PersonWrite, "Save a person from the form", h.personUpdateForm)
	r.Handle("POST /people/{id}/delete", access.PersonWrite, "Delete a person", h.personDeleteForm)
	r.Handle("GET /api/v1/people", access.PersonRead, "List staff and coordinators", web.API(h.apiPeopleList))
	r.Handle("POST /api/v1/people", access.PersonWrite, "Create a person", web.API(h.apiPersonCreate))
	r.Handle("GET /api/v1/people/{id}", access.PersonRead, "Get a person", web.API(h.apiPersonGet))
	r.Handle("PUT /api/v1/people/{id}", access.PersonWrite, "Edit a person", web.API(h.apiPersonUpdate))
	r.Handle("DELETE /api/v1/people/{id}", access.PersonWrite, "Delete a person", web.API(h.apiPersonDelete))
}

type peopleView struct {
	Filter PersonFilter
	People []*Person
	Total  int
	Err    error
	Roles  []RoleKind
}

func personFilterFromQuery(r *http.Request) (PersonFilter, error) {
	q := r.URL.Query()
	var c apperr.Collector
	f := PersonFilter{OrgUnitID: queryID(&c, q, "org"), RoleKind: RoleKind(q.Get("role")), Q: q.Get("q"),
		Page: int(queryID(&c, q, "page")), PerPage: int(queryID(&c, q, "per_page"))}
	return f, c.Err()
}

func (h *Handler) peopleList(w http.ResponseWriter, r *http.Request) {
	f, err := personFilterFromQuery(r)
	v := peopleView{Filter: f, Err: err, Roles: RoleKinds}
	if err == nil {
		v.People, v.Total, err = h.listPeople(r.Context(), f)
	}
	if err != nil && v.Err == nil {
		web.Fail(w, r, err)
		return
	}
	h.pages["people_list"].Render(w, r, v)
}

type personFormView struct {
	ID    int64
	Input PersonInput
	Err   error
	Orgs  []*OrgUnit
	Roles []RoleKind
}

func (h *Handler) renderPersonForm(w http.ResponseWriter, r *http.Request, v personFormView) {
	orgs, err := h.Orgs.List(r.Context(), "", 0)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Orgs, v.Roles = orgs, RoleKinds
	if v.Err != nil {
		w.WriteHeader(web.StatusOf(apperr.CodeOf(v.Err)))
	}
	h.pages["person_form"].Render(w, r, v)
}

func (h *Handler) personNew(w http.ResponseWriter, r *http.Request) {
	var c apperr.Collector
	org := queryID(&c, r.URL.Query(), "org")
	h.renderPersonForm(w, r, personFormView{Input: PersonInput{OrgUnitID: org, RoleKind: RoleEnforcement}})
}

func (h *Handler) personEdit(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p, err := h.personalPerson(r.Context(), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	active := p.Active
	h.renderPersonForm(w, r, personFormView{ID: id, Input: PersonInput{OrgUnitID: p.OrgUnitID, Name: p.Name, Gender: p.Gender,
		RoleKind: p.RoleKind, Title: p.Title, Phone: p.Phone, IDNumber: p.IDNumber, CertificateNo: p.CertificateNo,
		MonthlySubsidy: p.MonthlySubsidy, Active: &active}})
}

func personInputFromForm(r *http.Request) (PersonInput, error) {
	var c apperr.Collector
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	active := f("active") != ""
	in := PersonInput{OrgUnitID: formInt(&c, f, "org_unit_id"), Name: f("name"), Gender: f("gender"), RoleKind: RoleKind(f("role_kind")),
		Title: f("title"), Phone: f("phone"), IDNumber: f("id_number"), CertificateNo: f("certificate_no"),
		MonthlySubsidy: int(formInt(&c, f, "monthly_subsidy")), Active: &active}
	return in, c.Err()
}

func (h *Handler) personCreateForm(w http.ResponseWriter, r *http.Request) {
	h.savePersonForm(w, r, 0)
}

func (h *Handler) personUpdateForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.savePersonForm(w, r, id)
}

func (h *Handler) savePersonForm(w http.ResponseWriter, r *http.Request, id int64) {
	in, err := personInputFromForm(r)
	var p *Person
	if err == nil && id == 0 {
		p, err = h.createPerson(r.Context(), in)
	} else if err == nil {
		p, err = h.updatePerson(r.Context(), id, in)
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		h.renderPersonForm(w, r, personFormView{ID: id, Input: in, Err: err})
		return
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/org/%d?flash=registry.saved", p.OrgUnitID), http.StatusSeeOther)
}

func (h *Handler) personDeleteForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	var p *Person
	if err == nil {
		if p, err = h.People.Get(r.Context(), id); err == nil {
			err = h.deletePerson(r.Context(), id)
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/org/%d?flash=registry.deleted", p.OrgUnitID), http.StatusSeeOther)
}

type peoplePage struct {
	People []*Person `json:"people"`
	Total  int       `json:"total"`
}

func (h *Handler) apiPeopleList(r *http.Request) (int, any, error) {
	f, err := personFilterFromQuery(r)
	if err != nil {
		return 0, nil, err
	}
	people, total, err := h.listPeople(r.Context(), f)
	if people == nil {
		people = []*Person{}
	}
	return http.StatusOK, peoplePage{people, total}, err
}

func (h *Handler) apiPersonGet(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	p, err := h.personalPerson(r.Context(), id)
	return http.StatusOK, p, err
}

func (h *Handler) apiPersonCreate(r *http.Request) (int, any, error) {
	var in PersonInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	p, err := h.createPerson(r.Context(), in)
	return http.StatusCreated, p, err
}

func (h *Handler) apiPersonUpdate(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in PersonInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	p, err := h.updatePerson(r.Context(), id, in)
	return http.StatusOK, p, err
}

func (h *Handler) apiPersonDelete(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = h.deletePerson(r.Context(), id)
	}
	return http.StatusNoContent, nil, err
}
