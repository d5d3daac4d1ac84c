package access

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// Routes registers login and logout.
func (s *Service) Routes(r *web.Router) {
	r.Handle("GET /login", web.Public, "Login form", s.loginForm)
	r.Handle("POST /login", web.Public, "Log in with login and password", s.loginSubmit)
	r.Handle("POST /logout", web.Authenticated, "Log out", s.logout)
	s.accountRoutes(r)
	s.userRoutes(r)
}

type loginView struct {
	Login  string
	Next   string
	Error  string
	Params map[string]any
}

func (s *Service) loginForm(w http.ResponseWriter, r *http.Request) {
	s.login.Render(w, r, loginView{Next: r.URL.Query().Get("next")})
}

func (s *Service) loginSubmit(w http.ResponseWriter, r *http.Request) {
	login, password := strings.TrimSpace(r.FormValue("login")), r.FormValue("password")
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	refuse := func(status int, key string, params map[string]any) {
		w.WriteHeader(status)
		s.login.Render(w, r, loginView{Login: login, Next: next, Error: key, Params: params})
	}
	u, err := s.checkLogin(r, login, password)
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Code != apperr.Internal {
		refuse(web.StatusOf(ae.Code), ae.MessageKey(), ae.Params)
		return
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	ctx := audit.WithActor(r.Context(), audit.Actor{UserID: u.ID, Login: u.Login, Role: u.Roles.String(), IP: web.ClientIP(r)})
	token, _, err := s.Sessions.Start(ctx, u.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil,
		SameSite: http.SameSiteLaxMode, MaxAge: int(SessionAbsolute.Seconds())})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// checkLogin applies the address throttle and the login lockout, then the password, and
// counts a failure. Its errors say why in the user's language without telling whether the
// login exists.
func (s *Service) checkLogin(r *http.Request, login, password string) (*User, error) {
	now := time.Now().UTC()
	ctx := audit.WithActor(r.Context(), audit.Actor{Login: login, IP: web.ClientIP(r)})
	if !s.throttle.allow(web.ClientIP(r), now) {
		return nil, apperr.New(apperr.TooMany, "access.throttled", map[string]any{"minutes": int(ThrottleWindow.Minutes())})
	}
	until, err := s.Lockouts.LockedUntil(ctx, login, now)
	if err != nil {
		return nil, err
	}
	if !until.IsZero() {
		return nil, lockedError(until, now)
	}
	u, err := s.Users.ByLogin(ctx, login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if err == nil && !u.Disabled && CheckPassword(u.hash, password) {
		return u, s.Lockouts.Clear(ctx, login)
	}
	locked, err := s.Lockouts.Fail(ctx, login, now)
	if err != nil {
		return nil, err
	}
	action := "login_failed"
	if locked {
		action = "lockout"
	}
	if err := audit.RecordOwnTx(ctx, s.st, audit.Event{Action: action, ObjectType: "user", ObjectID: login}); err != nil {
		return nil, err
	}
	if locked {
		return nil, lockedError(now.Add(LockoutDuration), now)
	}
	return nil, apperr.New(apperr.Unauthorized, "access.bad_credentials", nil)
}

func lockedError(until, now time.Time) error {
	minutes := int(until.Sub(now).Minutes()) + 1
	return apperr.New(apperr.TooMany, "access.locked", map[string]any{"minutes": minutes, "max": MaxFailures})
}

func (s *Service) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Sessions.End(r.Context(), c.Value); err != nil {
			web.Fail(w, r, err)
			return
		}
		u := web.UserFrom(r.Context())
		if err := audit.RecordOwnTx(r.Context(), s.st, audit.Event{Action: "logout", ObjectType: "user", ObjectID: fmt.Sprint(u.ID)}); err != nil {
			web.Fail(w, r, err)
			return
		}
	} else {
		web.Fail(w, r, apperr.New(apperr.Unauthorized, "access.login_required", nil))
		return
	}
	clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}
