package registry

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

func (h *Handler) orgRoutes(r *web.Router) {
	r.Handle("GET /org", access.OrgRead, "Org tree", h.orgTree)
	r.Handle("GET /org/{id}", access.OrgRead, "Org unit with its children and staff", h.orgUnit)
	r.Handle("POST /org", access.OrgWrite, "Create an org unit from the form", h.orgCreateForm)
	r.Handle("POST /org/{id}", access.OrgWrite, "Save an org unit from the form", h.orgUpdateForm)
	r.Handle("POST /org/{id}/delete", access.OrgWrite, "Delete an empty org unit", h.orgDeleteForm)
	r.Handle("GET /api/v1/org-units", access.OrgRead, "Org tree, or units filtered by kind and parent", web.API(h.apiOrgList))
	r.Handle("POST /api/v1/org-units", access.OrgWrite, "Create an org unit", web.API(h.apiOrgCreate))
	r.Handle("GET /api/v1/org-units/{id}", access.OrgRead, "Get an org unit", web.API(h.apiOrgGet))
	r.Handle("PUT /api/v1/org-units/{id}", access.OrgWrite, "Edit an org unit", web.API(h.apiOrgUpdate))
	r.Handle("DELETE /api/v1/org-units/{id}", access.OrgWrite, "Delete an empty org unit", web.API(h.apiOrgDelete))
}

func (h *Handler) orgTree(w http.ResponseWriter, r *http.Request) {
	tree, err := h.scopedTree(r.Context())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.pages["org_tree"].Render(w, r, tree)
}

type orgUnitView struct {
	Unit     *OrgUnit
	Children []*OrgUnit
	People   []*Person
	Input    OrgUnitInput
	Err      error
}

func (h *Handler) orgUnit(w http.ResponseWriter, r *http.Request) {
	h.renderOrgUnit(w, r, OrgUnitInput{}, nil)
}

func (h *Handler) renderOrgUnit(w http.ResponseWriter, r *http.Request, in OrgUnitInput, formErr error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v := orgUnitView{Input: in, Err: formErr}
	if v.Unit, err = h.readUnit(r.Context(), id); err == nil {
		if v.Children, err = h.Orgs.List(r.Context(), "", id); err == nil {
			v.People, _, err = h.People.List(r.Context(), PersonFilter{OrgUnitID: id, PerPage: 100})
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if formErr != nil {
		w.WriteHeader(web.StatusOf(apperr.CodeOf(formErr)))
	}
	h.pages["org_unit"].Render(w, r, v)
}

func orgInputFromForm(r *http.Request) (OrgUnitInput, error) {
	var c apperr.Collector
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	in := OrgUnitInput{ParentID: formOptionalID(&c, f, "parent_id"), Kind: OrgKind(f("kind")), Code: f("code"), Name: f("name"), Township: f("township")}
	if f("center_lat") != "" || f("center_lng") != "" {
		lat, lng := formFloat(&c, f, "center_lat"), formFloat(&c, f, "center_lng")
		in.CenterLat, in.CenterLng = &lat, &lng
	}
	if f("radius_km") != "" {
		radius := formFloat(&c, f, "radius_km")
		in.RadiusKm = &radius
	}
	return in, c.Err()
}

func (h *Handler) orgCreateForm(w http.ResponseWriter, r *http.Request) {
	in, err := orgInputFromForm(r)
	var o *OrgUnit
	if err == nil {
		o, err = h.createUnit(r.Context(), in)
	}
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid && in.ParentID != nil {
			r.SetPathValue("id", itoa(*in.ParentID))
			h.renderOrgUnit(w, r, in, err)
			return
		}
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/org/%d?flash=registry.saved", o.ID), http.StatusSeeOther)
}

func (h *Handler) orgUpdateForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	in, err := orgInputFromForm(r)
	if err == nil {
		_, err = h.updateUnit(r.Context(), id, in)
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		h.renderOrgUnit(w, r, in, err)
		return
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/org/%d?flash=registry.saved", id), http.StatusSeeOther)
}

func (h *Handler) orgDeleteForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	o, err := h.Orgs.Get(r.Context(), id)
	if err == nil {
		err = h.deleteUnit(r.Context(), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	back := "/org"
	if o.ParentID != nil {
		back = fmt.Sprintf("/org/%d", *o.ParentID)
	}
	http.Redirect(w, r, back+"?flash=registry.deleted", http.StatusSeeOther)
}

func (h *Handler) apiOrgList(r *http.Request) (int, any, error) {
	q := r.URL.Query()
	if q.Get("kind") == "" && q.Get("parent") == "" {
		tree, err := h.scopedTree(r.Context())
		return http.StatusOK, tree, err
	}
	var c apperr.Collector
	parent := queryID(&c, q, "parent")
	if err := c.Err(); err != nil {
		return 0, nil, err
	}
	list, err := h.Orgs.List(r.Context(), OrgKind(q.Get("kind")), parent)
	return http.StatusOK, InScope(r.Context(), list), err
}

func (h *Handler) apiOrgGet(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	o, err := h.readUnit(r.Context(), id)
	return http.StatusOK, o, err
}

func (h *Handler) apiOrgCreate(r *http.Request) (int, any, error) {
	var in OrgUnitInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	o, err := h.createUnit(r.Context(), in)
	return http.StatusCreated, o, err
}

func (h *Handler) apiOrgUpdate(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in OrgUnitInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	o, err := h.updateUnit(r.Context(), id, in)
	return http.StatusOK, o, err
}

func (h *Handler) apiOrgDelete(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = h.deleteUnit(r.Context(), id)
	}
	return http.StatusNoContent, nil, err
}
