package access

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "correct horse") {
		t.Fatal("right password refused")
	}
	for _, bad := range []string{"correct horsE", "", "correct horse "} {
		if CheckPassword(h, bad) {
			t.Fatalf("wrong password %q accepted", bad)
		}
	}
	if CheckPassword("$bcrypt$garbage", "x") {
		t.Fatal("malformed hash accepted")
	}
}

// newUser makes an org unit and an account on st holding roles (the city admin's when none).
func newUser(t *testing.T, st *store.Store, login string, roles ...Role) *User {
	t.Helper()
	ctx := context.Background()
	var org int64
	err := st.DB().QueryRowContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, '市', $2, $2) RETURNING id`,
		"C-"+login, time.Now().UTC()).Scan(&org)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `UPDATE org_units SET path = '/' || id || '/' WHERE id = $1`, org); err != nil {
		t.Fatal(err)
	}
	if len(roles) == 0 {
		roles = []Role{RoleCityAdmin}
	}
	u, err := NewUsers(st).Create(ctx, NewUser{Login: login, DisplayName: login, Roles: roles, OrgUnitID: org, Password: "secret-123"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTokens(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "admin")
		tokens := NewTokens(st)
		live, _, err := tokens.Create(ctx, NewToken{UserID: u.ID, Name: "ci", TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if g, err := tokens.Authenticate(ctx, live); err != nil || g.userID != u.ID || g.role != RoleCityAdmin {
			t.Fatalf("live token: %+v %v", g, err)
		}
		expired, old, _ := tokens.Create(ctx, NewToken{UserID: u.ID, Name: "old", TTL: time.Hour})
		if _, err := st.DB().ExecContext(ctx, `UPDATE api_tokens SET expires_at = $1 WHERE id = $2`, time.Now().UTC().Add(-time.Minute), old.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Authenticate(ctx, expired); err != errBadToken {
			t.Fatalf("expired token: %v", err)
		}
		if _, err := tokens.Authenticate(ctx, live+"x"); err != errBadToken {
			t.Fatalf("forged token: %v", err)
		}
		var stored string
		st.DB().QueryRowContext(ctx, `SELECT token_hash FROM api_tokens WHERE name = 'ci'`).Scan(&stored)
		if stored == live || strings.Contains(stored, live) {
			t.Fatal("token stored in clear")
		}
	})
}

func TestUserValidation(t *testing.T) {
	business := int64(1)
	tests := []struct {
		name string
		user NewUser
		want []string // "field rule" of each expected error
	}{
		{"duplicate login", NewUser{Login: "admin", Roles: RoleSet{RoleCityAdmin}}, []string{"login duplicate"}},
		{"unknown role, short password", NewUser{Login: "x", Roles: RoleSet{"boss"}, Password: "short"},
			[]string{"roles one_of", "password password_length"}},
		{"no role", NewUser{Login: "x"}, []string{"roles required"}},
		{"operator with a staff role", NewUser{Login: "x", Roles: RoleSet{RoleBusinessOperator, RoleCoordinator}, BusinessID: &business},
			[]string{"roles operator_alone"}},
		{"operator without business", NewUser{Login: "x", Roles: RoleSet{RoleBusinessOperator}}, []string{"business_id required"}},
		{"staff bound to a business", NewUser{Login: "x", Roles: RoleSet{RoleCoordinator}, BusinessID: &business},
			[]string{"business_id operator_only"}},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		admin := newUser(t, st, "admin")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				n := tt.user
				n.OrgUnitID = admin.OrgUnitID
				if n.Password == "" {
					n.Password = "secret-123"
				}
				_, err := NewUsers(st).Create(context.Background(), n)
				for _, want := range tt.want {
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Errorf("got %v, want %q", err, want)
					}
				}
			})
		}
	})
}

// TestAuthenticate drives the middleware: sessions, bearer tokens and the CSRF check.
func TestAuthenticate(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "admin")
		svc := NewService(st)
		session, csrf, err := svc.Sessions.Start(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		token, _, _ := svc.Tokens.Create(ctx, NewToken{UserID: u.ID, Name: "api", TTL: time.Hour})
		router := web.NewRouter(svc.Guard)
		echo := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(web.UserFrom(r.Context()).Login)) }
		router.Handle("GET /api/v1/me", web.Authenticated, "", echo)
		router.Handle("POST /api/v1/me", web.Authenticated, "", echo)
		h := svc.Authenticate(router)
		withSession := func(r *http.Request) { r.AddCookie(&http.Cookie{Name: SessionCookie, Value: session}) }
		tests := []struct {
			name   string
			method string
			prep   func(*http.Request)
			want   int
		}{
			{"anonymous", "GET", func(*http.Request) {}, 401},
			{"session", "GET", withSession, 200},
			{"forged session", "GET", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: SessionCookie, Value: session + "x"}) }, 401},
			{"session write without csrf", "POST", withSession, 403},
			{"session write with forged csrf", "POST", func(r *http.Request) { withSession(r); r.Header.Set("X-CSRF-Token", csrf+"x") }, 403},
			{"session write with csrf", "POST", func(r *http.Request) { withSession(r); r.Header.Set("X-CSRF-Token", csrf) }, 200},
			{"bearer", "POST", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }, 200},
			{"bad bearer", "GET", func(r *http.Request) { r.Header.Set("Authorization", "Bearer sj_nope") }, 401},
			{"not bearer", "GET", func(r *http.Request) { r.Header.Set("Authorization", "Basic abc") }, 401},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := httptest.NewRequest(tt.method, "/api/v1/me", nil)
				tt.prep(r)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != tt.want {
					t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
				}
				if w.Code == 200 && w.Body.String() != "admin" {
					t.Fatalf("body %q", w.Body)
				}
			})
		}
		var refused int
		st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'csrf_refused' AND actor_login = 'admin'`).Scan(&refused)
		if refused != 2 {
			t.Fatalf("%d refused CSRF checks audited, want 2", refused)
		}
	})
}

func TestLoginAndLogout(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		newUser(t, st, "admin")
		svc := NewService(st)
		router := web.NewRouter(svc.Guard)
		svc.Routes(router)
		h := svc.Authenticate(router)
		post := func(form url.Values) *httptest.ResponseRecorder {
			r := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		if w := post(url.Values{"login": {"admin"}, "password": {"wrong-pass"}}); w.Code != 401 || !strings.Contains(w.Body.String(), "login-error") {
			t.Fatalf("wrong password: %d", w.Code)
		}
		w := post(url.Values{"login": {"admin"}, "password": {"secret-123"}, "next": {"//evil.example"}})
		if w.Code != 303 || w.Header().Get("Location") != "/" {
			t.Fatalf("login: %d to %q", w.Code, w.Header().Get("Location"))
		}
		cookie := w.Result().Cookies()[0]
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie flags: %+v", cookie)
		}
		if _, _, err := svc.Sessions.Resume(context.Background(), cookie.Value); err != nil {
			t.Fatalf("session after login: %v", err)
		}
		if cookie.Secure {
			t.Fatal("Secure cookie over plain HTTP without SecureCookies")
		}
		svc.SecureCookies = true // behind a proxy that terminates HTTPS
		if c := post(url.Values{"login": {"admin"}, "password": {"secret-123"}}).Result().Cookies()[0]; !c.Secure {
			t.Fatalf("session cookie not Secure with SecureCookies: %+v", c)
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "admin")
		sessions := NewSessions(st)
		tests := []struct {
			name              string
			lastSeen, expires time.Duration // relative to now
			live              bool
		}{
			{"fresh", 0, time.Hour, true},
			{"idle too long", -SessionIdle - time.Minute, time.Hour, false},
			{"past absolute expiry", 0, -time.Minute, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				token, _, err := sessions.Start(ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				now := time.Now().UTC()
				if _, err := st.DB().ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
					now.Add(tt.lastSeen), now.Add(tt.expires), digest(token)); err != nil {
					t.Fatal(err)
				}
				_, _, err = sessions.Resume(ctx, token)
				if live := err == nil; live != tt.live {
					t.Fatalf("live = %v (%v), want %v", live, err, tt.live)
				}
			})
		}
	})
}

// TestTokenRolesAndRevocation narrows tokens to included roles, lists them with their last
// use, and stops a revoked token at once.
func TestTokenRolesAndRevocation(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "admin")
		tokens := NewTokens(st)
		secret, narrow, err := tokens.Create(ctx, NewToken{UserID: u.ID, Name: "read-only", Role: RoleLabTechnician, TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if g, err := tokens.Authenticate(ctx, secret); err != nil || g.role != RoleLabTechnician {
			t.Fatalf("narrowed token acts as %q (%v)", g.role, err)
		}
		for _, bad := range []NewToken{
			{UserID: u.ID, Name: "x", Role: "boss", TTL: time.Hour},
			{UserID: u.ID, Name: "x", TTL: 0},
			{UserID: u.ID, Name: "x", TTL: MaxTokenTTL + time.Hour},
		} {
			if _, _, err := tokens.Create(ctx, bad); err == nil {
				t.Errorf("token %+v accepted", bad)
			}
		}
		list, err := tokens.List(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].LastUsedAt == nil || list[0].Role != RoleLabTechnician {
			t.Fatalf("list: %+v %v", list, err)
		}
		if err := tokens.Revoke(ctx, u.ID+1, narrow.ID); err == nil {
			t.Fatal("another user revoked the token")
		}
		if err := tokens.Revoke(ctx, u.ID, narrow.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Authenticate(ctx, secret); err != errBadToken {
			t.Fatalf("revoked token: %v", err)
		}
	})
}

func TestRoleIncludesForTokens(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		u := newUser(t, st, "inspector", RoleStationInspector)
		_, _, err := NewTokens(st).Create(context.Background(), NewToken{UserID: u.ID, Name: "up", Role: RoleCityAdmin, TTL: time.Hour})
		if err == nil || !strings.Contains(err.Error(), "role token_role") {
			t.Fatalf("token above the account's role: %v", err)
		}
	})
}
