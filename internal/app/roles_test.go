package app

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestAccountWithTwoRoles: the district admin makes an account that is district admin and
// lab technician of its district (both roles' demo accounts sit in that unit). Logged in,
// the account may open exactly what either role may, its scope is the district, and its
// page lists both roles.
func TestAccountWithTwoRoles(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		district := w.accounts[access.RoleDistrictAdmin].OrgUnitID
		rec := w.call(access.RoleDistrictAdmin, "POST", "/api/v1/users", fmt.Sprintf(
			`{"login":"dual","display_name":"双岗","roles":["lab_technician","district_admin"],"org_unit_id":%d,"password":"two-hats-2026"}`, district))
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"roles":["district_admin","lab_technician"]`) {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		dual, err := w.app.Access.Users.ByLogin(t.Context(), "dual")
		if err != nil {
			t.Fatal(err)
		}
		scope, err := w.app.Access.Users.ScopeOf(t.Context(), dual.ID)
		if err != nil || scope != w.scopes[access.RoleDistrictAdmin] || scope != w.scopes[access.RoleLabTechnician] {
			t.Errorf("scope %+v (%v), want the district's, %+v", scope, err, w.scopes[access.RoleDistrictAdmin])
		}
		session := w.login(t, "dual", "two-hats-2026")
		for _, route := range w.app.Router.Routes() {
			path := strings.TrimSuffix(route.Path, "{$}")
			if route.Method != http.MethodGet || strings.Contains(path, "{") || route.Access == web.Public || route.Access == web.Authenticated {
				continue
			}
			want := access.RoleDistrictAdmin.Can(route.Access) || access.RoleLabTechnician.Can(route.Access)
			r := newRequest("GET", path, "")
			r.AddCookie(session)
			if res := w.serve(r); res.Code >= 500 || (res.Code != http.StatusForbidden) != want {
				t.Errorf("GET %s (%s): %d, want allowed = %v", path, route.Access, res.Code, want)
			}
		}
		r := newRequest("GET", "/account", "")
		r.AddCookie(session)
		page := w.serve(r).Body.String()
		if start := strings.Index(page, `id="account-roles"`); start < 0 || !strings.Contains(page[start:], "区县局管理员、检验人员") {
			t.Errorf("the account page does not list both roles:\n%.2000s", page)
		}
	})
}

// login logs in through the form and returns the session cookie.
func (w *scopeWorld) login(t *testing.T, login, password string) *http.Cookie {
	t.Helper()
	res := w.serve(newRequest("POST", "/login", url.Values{"login": {login}, "password": {password}}.Encode()))
	for _, c := range res.Result().Cookies() {
		if c.Name == access.SessionCookie {
			return c
		}
	}
	t.Fatalf("login %s: %d, no session cookie", login, res.Code)
	return nil
}

// TestAccountRoles has the district admin give and change roles as a set, by the API's
// "roles" array and by the single "role" older scripts send, and be refused what the rules
// forbid, with the field and the rule named in the caller's language.
func TestAccountRoles(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		station := w.accounts[access.RoleStationInspector].OrgUnitID
		business := w.accounts[access.RoleBusinessOperator].BusinessID
		account := func(login string, roles string, extra string) string {
			return fmt.Sprintf(`{"login":%q,%s,"org_unit_id":%d,"password":"grid-duty-2026"%s}`, login, roles, station, extra)
		}
		if rec := w.call(access.RoleCityAdmin, "POST", "/api/v1/users", account("chief", `"roles":["city_admin"]`, "")); rec.Code != http.StatusCreated {
			t.Fatalf("the city admin creates a city admin in the station: %d %s", rec.Code, rec.Body)
		}
		// withIDs puts the ids of the accounts created so far for {login} into path.
		withIDs := func(path string) string {
			for _, login := range []string{"chief", "pair", "single"} {
				if u, err := w.app.Access.Users.ByLogin(t.Context(), login); err == nil {
					path = strings.ReplaceAll(path, "{"+login+"}", itoa(u.ID))
				}
			}
			return path
		}
		tests := []struct {
			name, method, path, body, lang string
			status                         int
			contains                       []string
		}{
			{"create by the old single role", "POST", "/api/v1/users", account("single", `"role":"coordinator"`, ""), "", 201,
				[]string{`"roles":["coordinator"]`}},
			{"create with two roles", "POST", "/api/v1/users", account("pair", `"roles":["coordinator","station_inspector"]`, ""), "", 201,
				[]string{`"roles":["station_inspector","coordinator"]`}},
			{"operator with a staff role, in Chinese", "POST", "/api/v1/users",
				account("mixed", `"roles":["business_operator","coordinator"]`, fmt.Sprintf(`,"business_id":%d`, *business)), "", 400,
				[]string{`"field":"roles"`, `"rule":"operator_alone"`, "角色：食品经营者不能同时持有监管人员角色"}},
			{"operator with a staff role, in English", "POST", "/api/v1/users",
				account("mixed", `"roles":["coordinator","business_operator"]`, fmt.Sprintf(`,"business_id":%d`, *business)), "en", 400,
				[]string{`"field":"roles"`, "Roles: a business operator cannot also hold a staff role"}},
			{"no role", "POST", "/api/v1/users", account("none", `"roles":[]`, ""), "", 400, []string{`"field":"roles"`, `"rule":"required"`}},
			{"above the caller", "POST", "/api/v1/users", account("boss", `"roles":["coordinator","city_admin"]`, ""), "", 400,
				[]string{`"rule":"role_above_caller"`}},
			{"set two roles", "PUT", "/api/v1/users/{pair}/roles", `{"roles":["lab_technician","coordinator"]}`, "", 204, nil},
			{"set by the old single role", "PUT", "/api/v1/users/{single}/roles", `{"role":"station_inspector"}`, "", 204, nil},
			{"set operator beside staff", "PUT", "/api/v1/users/{pair}/roles", `{"roles":["business_operator","coordinator"]}`, "", 400,
				[]string{`"rule":"operator_alone"`}},
			{"set operator without business", "PUT", "/api/v1/users/{pair}/roles", `{"roles":["business_operator"]}`, "", 400,
				[]string{`"field":"business_id"`}},
			{"set above the caller", "PUT", "/api/v1/users/{pair}/roles", `{"roles":["city_admin"]}`, "", 400, []string{`"rule":"role_above_caller"`}},
			{"set on an account above the caller", "PUT", "/api/v1/users/{chief}/roles", `{"roles":["coordinator"]}`, "", 403,
				[]string{"该账号持有超出您角色的角色"}},
			{"disable an account above the caller", "POST", "/api/v1/users/{chief}/disable", "", "", 403, nil},
			{"the list shows the sets", "GET", "/api/v1/users", "", "", 200,
				[]string{`"login":"pair","display_name":"","roles":["coordinator","lab_technician"]`, `"login":"single","display_name":"","roles":["station_inspector"]`}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := newRequest(tt.method, withIDs(tt.path), tt.body)
				r.Header.Set("Authorization", "Bearer "+w.tokens[access.RoleDistrictAdmin])
				if tt.lang != "" {
					r.AddCookie(&http.Cookie{Name: web.LangCookie, Value: tt.lang})
				}
				rec := w.serve(r)
				if rec.Code != tt.status {
					t.Fatalf("%d, want %d: %s", rec.Code, tt.status, rec.Body)
				}
				for _, want := range tt.contains {
					if !strings.Contains(rec.Body.String(), want) {
						t.Errorf("body lacks %q: %s", want, rec.Body)
					}
				}
			})
		}
	})
}
