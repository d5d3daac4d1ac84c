package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// aim picks the record a route addresses for role, inside or outside its scope, and returns
// its id (or key); ok is false when there is none (a city-wide caller has no outside).
type aim func(w *scopeWorld, role access.Role, inside bool) (id string, ok bool)

// scopeRoute says how the scope test calls a route. A route's permission comes from its
// registration; this says which record it addresses and how.
type scopeRoute struct {
	aim  aim                    // nil: the route addresses no one record (lists, forms, downloads)
	body func(id string) string // the request body, given the aimed id when the path has none
	// query is the request's query string, given the aimed id (an identifier that is a URL,
	// such as a lot's, goes in the query rather than the path).
	query func(id string) string
	// outside is the answer to a permitted caller aiming outside its scope; zero means the
	// rule of the access model: 404 for reads (existence stays hidden), 403 for writes.
	outside int
}

// TestScope runs every route as anonymous and as every role, aimed at a record inside and
// one outside the caller's scope, and checks that the server allows exactly what the
// permission matrix and the scope allow. A route missing from scopeRoutes fails the test:
// a capability adds its routes there as it adds them to the router.
func TestScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		registered := map[string]bool{}
		for _, route := range w.app.Router.Routes() {
			pattern := route.Method + " " + route.Path
			registered[pattern] = true
			spec, listed := scopeRoutes[pattern]
			if !listed {
				t.Errorf("route %s is not listed in scopeRoutes (internal/app/scope_routes_test.go): add it with the record it addresses", pattern)
				continue
			}
			t.Run(pattern, func(t *testing.T) { w.checkRoute(t, route, spec) })
		}
		for pattern := range scopeRoutes {
			if !registered[pattern] {
				t.Errorf("scopeRoutes lists %s, which is not a route", pattern)
			}
		}
	})
}

// send calls route as role ("" for anonymous) aimed at id, with the spec's query and body.
// Every placeholder of the path takes the one aimed id: an inspection's evidence and
// signature fixtures carry the inspection's own UUID (inspect_scope_test.go).
func (w *scopeWorld) send(route web.Route, spec scopeRoute, role access.Role, id string) *httptest.ResponseRecorder {
	path := strings.NewReplacer("{id}", id, "{key}", id, "{number}", id, "{code}", id, "{uuid}", id, "{evidence}", id,
		"{signature}", id, "{$}", "").Replace(route.Path)
	if spec.query != nil {
		path += "?" + spec.query(id)
	}
	body := ""
	if spec.body != nil {
		body = spec.body(id)
	}
	return w.call(role, route.Method, path, body)
}

func (w *scopeWorld) checkRoute(t *testing.T, route web.Route, spec scopeRoute) {
	send := func(role access.Role, id string) *httptest.ResponseRecorder { return w.send(route, spec, role, id) }
	if route.Access == web.Public {
		for _, role := range append([]access.Role{""}, access.Roles...) {
			if res := send(role, "1"); res.Code >= 500 {
				t.Errorf("%s: public route answered %d: %.200s", roleName(role), res.Code, res.Body)
			}
		}
		return
	}
	res := send("", "1")
	if api := apiPath(route.Path); api && res.Code != http.StatusUnauthorized ||
		!api && (res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Header().Get("Location"), "/login")) {
		t.Errorf("anonymous: %d (to %q), want 401 for the API or a redirect to the login page", res.Code, res.Header().Get("Location"))
	}
	for _, role := range access.Roles {
		inside, hasInside := w.aimed(spec, role, true)
		if route.Access != web.Authenticated && !role.Can(route.Access) {
			if !hasInside {
				inside = "1"
			}
			if res := send(role, inside); res.Code != http.StatusForbidden {
				t.Errorf("%s lacks %s but got %d: %.200s", role, route.Access, res.Code, res.Body)
			}
			continue
		}
		if hasInside || spec.aim == nil {
			if res := send(role, inside); denied(res.Code) || res.Code >= 500 {
				t.Errorf("%s inside its scope (%s): refused with %d: %.300s", role, inside, res.Code, res.Body)
			}
		}
		if outside, ok := w.aimed(spec, role, false); ok && spec.aim != nil {
			want := spec.outside
			if want == 0 {
				want = http.StatusForbidden
				if route.Method == http.MethodGet {
					want = http.StatusNotFound
				}
			}
			if res := send(role, outside); res.Code != want {
				t.Errorf("%s outside its scope (%s): %d, want %d: %.300s", role, outside, res.Code, want, res.Body)
			}
		}
	}
}

func (w *scopeWorld) aimed(spec scopeRoute, role access.Role, inside bool) (string, bool) {
	if spec.aim == nil {
		return "", false
	}
	return spec.aim(w, role, inside)
}

func roleName(r access.Role) string {
	if r == "" {
		return "anonymous"
	}
	return string(r)
}

// TestListsStayInScope checks that searches and lists return only what the caller's scope
// covers, even when the caller asks for another district by filter.
func TestListsStayInScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		otherDistrict, _ := w.unit(access.RoleDistrictAdmin, "district", false)
		for _, role := range access.Roles {
			s := w.scopes[role]
			var page struct {
				Businesses []struct {
					ID         int64  `json:"id"`
					DistrictID int64  `json:"district_id"`
					StationID  int64  `json:"station_id"`
					GridID     *int64 `json:"grid_id"`
					Phone      string `json:"phone"`
				} `json:"businesses"`
			}
			for _, query := range []string{"per_page=200", "per_page=200&district=" + itoa(otherDistrict)} {
				rec := w.call(role, "GET", "/api/v1/businesses?"+query, "")
				if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK {
					t.Fatalf("%s: %d %v", role, rec.Code, err)
				}
				for _, b := range page.Businesses {
					if !s.CoversBusiness(b.ID, b.DistrictID, b.StationID, b.GridID) {
						t.Errorf("%s ?%s: business %d of district %d is outside its scope", role, query, b.ID, b.DistrictID)
					}
					if b.Phone != "" && !strings.Contains(b.Phone, "****") {
						t.Errorf("%s: phone %q unmasked in a list", role, b.Phone)
					}
				}
				if len(page.Businesses) == 0 && query == "per_page=200" {
					t.Errorf("%s sees no business at all", role)
				}
			}
			if !role.Can(access.PersonRead) {
				continue
			}
			var people struct {
				People []struct {
					ID        int64  `json:"id"`
					OrgUnitID int64  `json:"org_unit_id"`
					Phone     string `json:"phone"`
				} `json:"people"`
			}
			rec := w.call(role, "GET", "/api/v1/people?per_page=200", "")
			if err := json.Unmarshal(rec.Body.Bytes(), &people); err != nil {
				t.Fatal(err)
			}
			for _, p := range people.People {
				if !s.CoversOrgPath(w.pathOf(p.OrgUnitID)) {
					t.Errorf("%s: person %d of unit %d is outside its scope", role, p.ID, p.OrgUnitID)
				}
				if p.Phone != "" && !strings.Contains(p.Phone, "****") {
					t.Errorf("%s: phone %q unmasked in a list", role, p.Phone)
				}
			}
		}
	})
}

// TestNavShowsWhatTheRoleMayOpen: the navigation leaves out the built pages a role may not
// open (the server refuses them anyway).
func TestNavShowsWhatTheRoleMayOpen(t *testing.T) {
	w := newScopeWorld(t, storetest.Open(t, store.SQLite))
	tests := []struct {
		role        access.Role
		shown, gone []string
	}{
		{access.RoleCityAdmin, []string{"/businesses", "/org", "/trace", "/inspections", "/users", "/audit"}, nil},
		{access.RoleDistrictAdmin, []string{"/businesses", "/trace", "/inspections", "/users"}, []string{"/audit"}},
		{access.RoleBusinessOperator, []string{"/businesses", "/trace", "/inspections", "/rules"}, []string{"/org", "/users", "/audit"}},
		{access.RoleCoordinator, []string{"/businesses", "/org"}, []string{"/inspections", "/users", "/audit"}},
	}
	for _, tt := range tests {
		body := w.call(tt.role, "GET", "/rules", "").Body.String()
		start, end := strings.Index(body, `<nav id="nav"`), strings.Index(body, "</nav>")
		if start < 0 || end < start {
			t.Fatalf("%s: no navigation on the page", tt.role)
		}
		nav := body[start:end]
		for _, href := range tt.shown {
			if !strings.Contains(nav, `href="`+href+`"`) {
				t.Errorf("%s: the navigation lacks %s", tt.role, href)
			}
		}
		for _, href := range tt.gone {
			if strings.Contains(nav, `href="`+href+`"`) {
				t.Errorf("%s: the navigation offers %s, which the role may not open", tt.role, href)
			}
		}
	}
}
