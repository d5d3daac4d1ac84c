package registry

import (
	"net/http"

	"github.com/shejian/shejian/internal/access"

	"github.com/shejian/shejian/internal/web"
)

func (h *Handler) businessAPIRoutes(r *web.Router) {
	r.Handle("GET /api/v1/businesses", access.BusinessRead, "Search businesses", web.API(h.apiBusinessSearch))
	r.Handle("POST /api/v1/businesses", access.BusinessCreate, "Create a business", web.API(h.apiBusinessCreate))
	r.Handle("GET /api/v1/businesses/{id}", access.BusinessRead, "Get a business", web.API(h.apiBusinessGet))
	r.Handle("PUT /api/v1/businesses/{id}", access.BusinessUpdate, "Replace a business's editable fields", web.API(h.apiBusinessUpdate))
	r.Handle("POST /api/v1/businesses/{id}/status", access.BusinessStatus, "Close, suspend or reopen a business", web.API(h.apiBusinessStatus))
	r.Handle("GET /api/v1/categories", web.Authenticated, "Business categories and their kinds", web.API(h.apiCategories))
}

func (h *Handler) apiBusinessSearch(r *http.Request) (int, any, error) {
	f, err := FilterFromQuery(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	res, err := h.search(r.Context(), f)
	return http.StatusOK, res, err
}

func (h *Handler) apiBusinessGet(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	b, err := h.personalBusiness(r.Context(), id)
	return http.StatusOK, b, err
}

func (h *Handler) apiBusinessCreate(r *http.Request) (int, any, error) {
	var in BusinessInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	b, err := h.create(r.Context(), in)
	return http.StatusCreated, b, err
}

func (h *Handler) apiBusinessUpdate(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in BusinessInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	b, err := h.update(r.Context(), id, in)
	return http.StatusOK, b, err
}

// StatusChange is the body of a status change.
type StatusChange struct {
	Status       string `json:"status"`
	ClosedReason string `json:"closed_reason"`
}

func (h *Handler) apiBusinessStatus(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in StatusChange
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	b, err := h.setStatus(r.Context(), id, in.Status, in.ClosedReason)
	return http.StatusOK, b, err
}

func (h *Handler) apiCategories(r *http.Request) (int, any, error) {
	type cat struct {
		Code  CategoryCode `json:"code"`
		Name  string       `json:"name"`
		Kinds []string     `json:"kinds"`
	}
	lang := web.LangFrom(r.Context())
	out := make([]cat, len(Categories))
	for i, c := range Categories {
		out[i] = cat{Code: c.Code, Name: categoryName(lang, c.Code), Kinds: c.Kinds}
	}
	return http.StatusOK, out, nil
}
