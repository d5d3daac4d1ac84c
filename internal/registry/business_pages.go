package registry

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

func (h *Handler) businessPageRoutes(r *web.Router) {
	r.Handle("GET /{$}", web.Authenticated, "Overview of the registry", h.home)
	r.Handle("GET /businesses", access.BusinessRead, "Search and filter businesses", h.businessList)
	r.Handle("GET /businesses/new", access.BusinessCreate, "Form for a new business", h.businessNew)
	r.Handle("POST /businesses", access.BusinessCreate, "Create a business from the form", h.businessCreate)
	r.Handle("GET /businesses/{id}", access.BusinessRead, "Business detail", h.businessDetail)
	r.Handle("GET /businesses/{id}/edit", access.BusinessUpdate, "Form to edit a business", h.businessEdit)
	r.Handle("POST /businesses/{id}", access.BusinessUpdate, "Save an edited business", h.businessUpdate)
	r.Handle("POST /businesses/{id}/status", access.BusinessStatus, "Close, suspend or reopen a business", h.businessStatus)
}

type listView struct {
	Filter     BusinessFilter
	Result     *SearchResult
	Err        error
	Districts  []*OrgUnit
	Stations   []*OrgUnit
	Categories []Category
	Query      string
	LastPage   int
}

func (h *Handler) businessList(w http.ResponseWriter, r *http.Request) {
	f, err := FilterFromQuery(r.URL.Query())
	v := listView{Filter: f, Err: err, Categories: Categories, Query: r.URL.RawQuery}
	if err == nil {
		if v.Result, err = h.search(r.Context(), f); err != nil {
			web.Fail(w, r, err)
			return
		}
		v.LastPage = (v.Result.Total + v.Result.PerPage - 1) / v.Result.PerPage
	}
	if v.Districts, err = h.Orgs.List(r.Context(), OrgDistrict, 0); err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Districts = InScope(r.Context(), v.Districts)
	if f.DistrictID > 0 {
		if v.Stations, err = h.Orgs.List(r.Context(), OrgStation, f.DistrictID); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	if v.Err != nil {
		w.WriteHeader(http.StatusBadRequest)
	}
	h.pages["business_list"].Render(w, r, v)
}

// pathBusiness loads the business named by the {id} path value, answering the error itself
// when there is none.
func (h *Handler) pathBusiness(w http.ResponseWriter, r *http.Request) (*Business, bool) {
	id, err := web.PathID(r, "id")
	var b *Business
	if err == nil {
		b, err = h.personalBusiness(r.Context(), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return nil, false
	}
	return b, true
}

func (h *Handler) businessDetail(w http.ResponseWriter, r *http.Request) {
	if b, ok := h.pathBusiness(w, r); ok {
		h.pages["business_detail"].Render(w, r, b)
	}
}

type formView struct {
	ID       int64
	Input    BusinessInput
	Err      error
	Stations []*OrgUnit
	Cats     []Category
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, v formView) {
	stations, err := h.Orgs.List(r.Context(), OrgStation, 0)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Stations, v.Cats = InScope(r.Context(), stations), Categories
	if v.Err != nil {
		w.WriteHeader(web.StatusOf(apperr.CodeOf(v.Err)))
	}
	h.pages["business_form"].Render(w, r, v)
}

func (h *Handler) businessNew(w http.ResponseWriter, r *http.Request) {
	h.renderForm(w, r, formView{Input: BusinessInput{Category: CategoryCatering}})
}

func (h *Handler) businessEdit(w http.ResponseWriter, r *http.Request) {
	if b, ok := h.pathBusiness(w, r); ok {
		h.renderForm(w, r, formView{ID: b.ID, Input: b.Input()})
	}
}

func (h *Handler) businessCreate(w http.ResponseWriter, r *http.Request) {
	h.saveForm(w, r, 0, func(ctx context.Context, in BusinessInput) (*Business, error) { return h.create(ctx, in) })
}

func (h *Handler) businessUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.saveForm(w, r, id, func(ctx context.Context, in BusinessInput) (*Business, error) {
		return h.update(ctx, id, in)
	})
}

func (h *Handler) saveForm(w http.ResponseWriter, r *http.Request, id int64, save func(context.Context, BusinessInput) (*Business, error)) {
	in, err := inputFromForm(r)
	if err == nil {
		var b *Business
		if b, err = save(r.Context(), in); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/businesses/%d?flash=registry.saved", b.ID), http.StatusSeeOther)
			return
		}
	}
	if apperr.CodeOf(err) != apperr.Invalid {
		web.Fail(w, r, err)
		return
	}
	h.renderForm(w, r, formView{ID: id, Input: in, Err: err})
}

func (h *Handler) businessStatus(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if _, err := h.setStatus(r.Context(), id, r.FormValue("status"), r.FormValue("closed_reason")); err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/businesses/%d?flash=registry.saved", id), http.StatusSeeOther)
}

// inputFromForm reads a BusinessInput from form fields named like its JSON keys; numbers
// that do not parse become field errors.
func inputFromForm(r *http.Request) (BusinessInput, error) {
	var c apperr.Collector
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	in := BusinessInput{
		USCC: f("uscc"), Name: f("name"), Category: CategoryCode(f("category")), Kind: f("kind"), LicenceNo: f("licence_no"),
		LicenceIssued: f("licence_issued"), LicenceExpiry: f("licence_expiry"), LegalRep: f("legal_rep"), Phone: f("phone"),
		Address: f("address"), StationID: formInt(&c, f, "station_id"), GridID: formOptionalID(&c, f, "grid_id"),
		MarketID: formOptionalID(&c, f, "market_id"), Lat: formFloat(&c, f, "lat"), Lng: formFloat(&c, f, "lng"),
		FloorArea: formFloat(&c, f, "floor_area"), ProductCount: int(formInt(&c, f, "product_count")),
		DailyDiners: int(formInt(&c, f, "daily_diners")), SupplierCount: int(formInt(&c, f, "supplier_count")),
		EmployeeCount: int(formInt(&c, f, "employee_count")),
	}
	return in, c.Err()
}

func formInt(c *apperr.Collector, f func(string) string, key string) int64 {
	if f(key) == "" {
		return 0
	}
	n, err := strconv.ParseInt(f(key), 10, 64)
	if err != nil {
		c.Add(key, "integer", nil)
	}
	return n
}

func formOptionalID(c *apperr.Collector, f func(string) string, key string) *int64 {
	if f(key) == "" {
		return nil
	}
	n := formInt(c, f, key)
	return &n
}

func formFloat(c *apperr.Collector, f func(string) string, key string) float64 {
	if f(key) == "" {
		return 0
	}
	n, err := strconv.ParseFloat(f(key), 64)
	if err != nil {
		c.Add(key, "number", nil)
	}
	return n
}
