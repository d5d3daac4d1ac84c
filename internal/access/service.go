package access

import (
	"crypto/subtle"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// SessionCookie names the session cookie.
const SessionCookie = "shejian_session"

// Service authenticates requests and serves login and logout.
type Service struct {
	Users    *Users
	Sessions *Sessions
	Tokens   *Tokens
	login    *web.Page
}

// NewService returns the access service over st.
func NewService(st *store.Store) *Service {
	return &Service{Users: NewUsers(st), Sessions: NewSessions(st), Tokens: NewTokens(st), login: web.MustPage(files, "templates/login.html")}
}

// Authenticate identifies the caller by bearer token or session cookie and, for requests
// from a session that change state, checks the CSRF token.
func (s *Service) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.identify(r)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		if u != nil && !u.ViaToken && unsafeMethod(r.Method) && !validCSRF(r, u.CSRFToken) {
			web.Fail(w, r, apperr.New(apperr.Forbidden, "access.csrf_invalid", nil))
			return
		}
		if u != nil {
			r = r.WithContext(web.WithUser(r.Context(), u))
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Service) identify(r *http.Request) (*web.User, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, apperr.New(apperr.Unauthorized, "access.bad_authorization", nil)
		}
		id, err := s.Tokens.Authenticate(ctx, strings.TrimSpace(secret))
		if errors.Is(err, errBadToken) {
			return nil, apperr.New(apperr.Unauthorized, "access.token_invalid", nil)
		}
		if err != nil {
			return nil, err
		}
		return s.webUser(r, id, "", true)
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil, nil
	}
	id, csrf, err := s.Sessions.Resume(ctx, c.Value)
	if errors.Is(err, errNoSession) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.webUser(r, id, csrf, false)
}

func (s *Service) webUser(r *http.Request, id int64, csrf string, viaToken bool) (*web.User, error) {
	u, err := s.Users.ByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, apperr.New(apperr.Unauthorized, "access.disabled", nil)
	}
	wu := &web.User{ID: u.ID, Login: u.Login, Name: u.DisplayName, Role: string(u.Role), OrgUnitID: u.OrgUnitID, CSRFToken: csrf, ViaToken: viaToken}
	if u.BusinessID != nil {
		wu.BusinessID = *u.BusinessID
	}
	return wu, nil
}

// Guard enforces a route's access level: Authenticated routes refuse anonymous callers.
func (s *Service) Guard(level web.Access, h http.Handler) http.Handler {
	if level == web.Public {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if web.UserFrom(r.Context()) == nil {
			web.Fail(w, r, apperr.New(apperr.Unauthorized, "access.login_required", nil))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// validCSRF accepts the token from the X-CSRF-Token header or the csrf form field.
func validCSRF(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			if err := r.ParseMultipartForm(32 << 20); err != nil {
				slog.DebugContext(r.Context(), "parse multipart for csrf", "err", err)
			}
		}
		got = r.FormValue("csrf")
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
