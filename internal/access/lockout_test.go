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

// TestLoginLockout fails a login MaxFailures times, sees it locked even with the right
// password, and sees the lock end; every failure and the lockout are audited.
func TestLoginLockout(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "admin")
		svc := NewService(st)
		router := web.NewRouter(svc.Guard)
		svc.Routes(router)
		h := svc.Authenticate(router)
		login := func(password string) *httptest.ResponseRecorder {
			form := url.Values{"login": {"admin"}, "password": {password}}
			r := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		for i := 1; i < MaxFailures; i++ {
			if w := login("wrong-password"); w.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, w.Code)
			}
		}
		w := login("wrong-password")
		if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "临时锁定") {
			t.Fatalf("failure %d: %d, want 429 with the lockout message: %.300s", MaxFailures, w.Code, w.Body)
		}
		if w := login("secret-123"); w.Code != http.StatusTooManyRequests {
			t.Fatalf("right password while locked: %d, want 429", w.Code)
		}
		var failed, lockouts int
		st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND object_id = 'admin'`).Scan(&failed)
		st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'lockout' AND object_id = 'admin'`).Scan(&lockouts)
		if failed != MaxFailures-1 || lockouts != 1 {
			t.Fatalf("audited %d failures and %d lockouts, want %d and 1", failed, lockouts, MaxFailures-1)
		}
		// The lock ends LockoutDuration later: move it into the past.
		if _, err := st.DB().ExecContext(ctx, `UPDATE login_failures SET locked_until = $1`, time.Now().UTC().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if w := login("secret-123"); w.Code != http.StatusSeeOther {
			t.Fatalf("right password after the lock: %d", w.Code)
		}
		var rows int
		st.DB().QueryRowContext(ctx, `SELECT count(*) FROM login_failures`).Scan(&rows)
		if rows != 0 {
			t.Fatal("a successful login did not clear the failures")
		}
	})
}

// TestUnknownLoginLocksToo keeps lockout from telling which logins exist.
func TestUnknownLoginLocksToo(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		l := NewLockouts(st)
		ctx, now := context.Background(), time.Now().UTC()
		for i := 1; i <= MaxFailures; i++ {
			locked, err := l.Fail(ctx, "nobody", now)
			if err != nil || locked != (i == MaxFailures) {
				t.Fatalf("failure %d: locked %v, %v", i, locked, err)
			}
		}
		until, err := l.LockedUntil(ctx, "nobody", now)
		if err != nil || !until.After(now) {
			t.Fatalf("unknown login not locked: %v %v", until, err)
		}
		// Failures spread wider than the window never lock.
		for i := range MaxFailures * 2 {
			locked, err := l.Fail(ctx, "slow", now.Add(time.Duration(i)*FailureWindow))
			if err != nil || locked {
				t.Fatalf("spread failure %d locked: %v", i, err)
			}
		}
	})
}
