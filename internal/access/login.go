package access

import (
	"errors"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// Routes registers login and logout.
func (s *Service) Routes(r *web.Router) {
	r.Handle("GET /login", web.Public, "Login form", s.loginForm)
	r.Handle("POST /login", web.Public, "Log in with login and password", s.loginSubmit)
	r.Handle("POST /logout", web.Authenticated, "Log out", s.logout)
}

type loginView struct {
	Login string
	Next  string
	Error string
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
	u, err := s.Users.ByLogin(r.Context(), login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		web.Fail(w, r, err)
		return
	}
	if err != nil || u.Disabled || !CheckPassword(u.hash, password) {
		w.WriteHeader(http.StatusUnauthorized)
		s.login.Render(w, r, loginView{Login: login, Next: next, Error: "access.bad_credentials"})
		return
	}
	token, _, err := s.Sessions.Start(r.Context(), u.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteLaxMode, MaxAge: int(SessionAbsolute.Seconds())})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Service) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Sessions.End(r.Context(), c.Value); err != nil {
			web.Fail(w, r, err)
			return
		}
	} else {
		web.Fail(w, r, apperr.New(apperr.Unauthorized, "access.login_required", nil))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
