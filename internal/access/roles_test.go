package access

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestSeveralRoles follows an account holding two roles: its session acts with both, each
// token with one role the two include, and once an administrator takes a role away the
// tokens acting beyond what is left stop working.
func TestSeveralRoles(t *testing.T) {
	tokens := []struct {
		name          string
		role          Role
		before, after string // what the token acts as before and after; "" refused
	}{
		{"widest role by default", "", "district_admin", ""},
		{"one of the roles", RoleLabTechnician, "lab_technician", "lab_technician"},
		{"narrower than one of the roles", RoleCoordinator, "coordinator", ""},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "dual", RoleLabTechnician, RoleDistrictAdmin)
		svc := NewService(st)
		call := newRoleEcho(svc)
		session, _, err := svc.Sessions.Start(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		cookie := "Cookie " + SessionCookie + "=" + session
		if _, _, err := svc.Tokens.Create(ctx, NewToken{UserID: u.ID, Name: "up", Role: RoleCityAdmin, TTL: time.Hour}); err == nil ||
			!strings.Contains(err.Error(), "role token_role") {
			t.Fatalf("token above both roles: %v", err)
		}
		secrets := make([]string, len(tokens))
		for i, tt := range tokens {
			if secrets[i], _, err = svc.Tokens.Create(ctx, NewToken{UserID: u.ID, Name: tt.name, Role: tt.role, TTL: time.Hour}); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
		}
		// check sends a request as auth and expects it to act as want; "" expects the token of
		// role lost to be refused, saying so.
		check := func(stage, auth, want, lost string) {
			t.Helper()
			code, body := call("GET", "/api/v1/me", auth)
			refusal := i18n.T(i18n.Chinese, "access.token_role_lost", map[string]any{"role": lost})
			if want == "" && (code != http.StatusUnauthorized || !strings.Contains(body, refusal)) ||
				want != "" && (code != http.StatusOK || body != want) {
				t.Errorf("%s, %.30s: %d %s, want to act as %q", stage, auth, code, body, want)
			}
		}
		check("before", cookie, "district_admin,lab_technician", "")
		for i, tt := range tokens {
			check("before", "Bearer "+secrets[i], tt.before, "")
		}
		if code, _ := call("GET", "/api/v1/people", cookie); code != http.StatusOK {
			t.Errorf("the session lacks person.read, which its district admin role holds: %d", code)
		}
		if code, _ := call("GET", "/api/v1/people", "Bearer "+secrets[1]); code != http.StatusForbidden {
			t.Errorf("a lab technician token read people: %d", code)
		}
		if code, _ := call("POST", "/api/v1/me", cookie); code != http.StatusForbidden {
			t.Fatalf("a session write without CSRF token: %d", code)
		}
		var actorRole string
		st.DB().QueryRowContext(ctx, `SELECT actor_role FROM audit_log WHERE action = 'csrf_refused'`).Scan(&actorRole)
		if actorRole != "district_admin,lab_technician" {
			t.Errorf("audited actor role %q, want both roles", actorRole)
		}

		if err := svc.Users.SetRoles(ctx, u.ID, RoleSet{RoleLabTechnician}, RoleSet{RoleCityAdmin}); err != nil {
			t.Fatal(err)
		}
		check("after", cookie, "lab_technician", "")
		for i, tt := range tokens {
			check("after", "Bearer "+secrets[i], tt.after, tt.before)
		}
	})
}

// newRoleEcho serves GET /api/v1/me, which answers the roles the caller acts with, a POST
// of it, and GET /api/v1/people, which needs person.read; call sends a request with an
// Authorization header ("Bearer …") or a cookie ("Cookie name=value").
func newRoleEcho(svc *Service) (call func(method, path, auth string) (int, string)) {
	router := web.NewRouter(svc.Guard)
	echo := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(web.UserFrom(r.Context()).Role)) }
	router.Handle("GET /api/v1/me", web.Authenticated, "", echo)
	router.Handle("POST /api/v1/me", web.Authenticated, "", echo)
	router.Handle("GET /api/v1/people", PersonRead, "", echo)
	h := svc.Authenticate(router)
	return func(method, path, auth string) (int, string) {
		r := httptest.NewRequest(method, path, nil)
		if cookie, ok := strings.CutPrefix(auth, "Cookie "); ok {
			r.Header.Set("Cookie", cookie)
		} else {
			r.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
}
