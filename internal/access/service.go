package access

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
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
	// SecureCookies marks the session cookie Secure even on plain-HTTP requests: set it when
	// a proxy in front terminates TLS, so that browsers never send the cookie unencrypted.
	SecureCookies bool

	st       *store.Store
	Users    *Users
	Sessions *Sessions
	Tokens   *Tokens
	Lockouts *Lockouts
	throttle *throttle
	login    *web.Page
	account  *web.Page
	users    *web.Page
}

// NewService returns the access service over st.
func NewService(st *store.Store) *Service {
	return &Service{st: st, Users: NewUsers(st), Sessions: NewSessions(st), Tokens: NewTokens(st), Lockouts: NewLockouts(st),
		throttle: newThrottle(),
		login:    web.MustPage(files, "templates/login.html"),
		account:  web.MustPage(files, "templates/account.html", "templates/roles.html"),
		users:    web.MustPage(files, "templates/users.html", "templates/roles.html")}
}

// Authenticate identifies the caller by bearer token or session cookie, puts the caller and
// its scope into the request context and, for requests from a session that change state,
// checks the CSRF token.
func (s *Service) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, scope, err := s.identify(r)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		if u != nil && !u.ViaToken && unsafeMethod(r.Method) && !validCSRF(r, u.CSRFToken) {
			s.refuseCSRF(w, r, u)
			return
		}
		actor := audit.Actor{IP: web.ClientIP(r)}
		ctx := r.Context()
		if u != nil {
			actor.UserID, actor.Login, actor.Role = u.ID, u.Login, u.Role
			ctx = WithScope(web.WithUser(ctx, u), scope)
		}
		next.ServeHTTP(w, r.WithContext(audit.WithActor(ctx, actor)))
	})
}

// ActAs returns ctx acting as account userID with all its roles and its scope, for work
// done on a user's behalf outside a request; the audit trail names the user.
func (s *Service) ActAs(ctx context.Context, userID int64) (context.Context, error) {
	u, scope, err := s.webUser(ctx, userID, "", nil)
	if err != nil {
		return nil, fmt.Errorf("act as user %d: %w", userID, err)
	}
	actor := audit.Actor{UserID: u.ID, Login: u.Login, Role: u.Role}
	return audit.WithActor(WithScope(web.WithUser(ctx, u), scope), actor), nil
}

func (s *Service) identify(r *http.Request) (*web.User, Scope, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, Scope{}, apperr.New(apperr.Unauthorized, "access.bad_authorization", nil)
		}
		grant, err := s.Tokens.Authenticate(ctx, strings.TrimSpace(secret))
		if errors.Is(err, errBadToken) {
			return nil, Scope{}, apperr.New(apperr.Unauthorized, "access.token_invalid", nil)
		}
		if err != nil {
			return nil, Scope{}, err
		}
		return s.webUser(ctx, grant.userID, "", &grant)
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil, Scope{}, nil
	}
	id, csrf, err := s.Sessions.Resume(ctx, c.Value)
	if errors.Is(err, errNoSession) {
		return nil, Scope{}, nil
	}
	if err != nil {
		return nil, Scope{}, err
	}
	return s.webUser(ctx, id, csrf, nil)
}

// webUser loads the caller's account, roles and scope. A session acts with all the
// account's roles; a token with its one role, as long as the account's roles still include it.
func (s *Service) webUser(ctx context.Context, id int64, csrf string, token *tokenGrant) (*web.User, Scope, error) {
	p, err := s.Users.principal(ctx, id)
	if err != nil {
		return nil, Scope{}, err
	}
	if p.Disabled {
		return nil, Scope{}, apperr.New(apperr.Unauthorized, "access.disabled", nil)
	}
	roles := p.Roles
	if token != nil {
		if !roles.Includes(token.role) {
			return nil, Scope{}, apperr.New(apperr.Unauthorized, "access.token_role_lost", map[string]any{"role": string(token.role)})
		}
		roles = RoleSet{token.role}
	}
	wu := &web.User{ID: p.ID, Login: p.Login, Name: p.DisplayName, Role: roles.String(), OrgUnitID: p.OrgUnitID, CSRFToken: csrf,
		ViaToken: token != nil, Permits: roles.Can}
	var business int64
	if p.BusinessID != nil {
		business = *p.BusinessID
		wu.BusinessID = business
	}
	scope, err := scopeOf(p.orgKind, p.orgPath, business)
	if err != nil {
		return nil, Scope{}, fmt.Errorf("scope of user %s: %w", p.Login, err)
	}
	return wu, scope, nil
}

// Guard enforces a route's access level: Authenticated routes refuse anonymous callers, and
// a route that names a permission refuses callers none of whose roles holds it.
func (s *Service) Guard(level web.Access, h http.Handler) http.Handler {
	if level == web.Public {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := web.UserFrom(r.Context())
		switch {
		case u == nil:
			web.Fail(w, r, apperr.New(apperr.Unauthorized, "access.login_required", nil))
		case level != web.Authenticated && !Can(u, level):
			web.Fail(w, r, apperr.New(apperr.Forbidden, "access.permission_denied", map[string]any{"permission": string(level)}))
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// refuseCSRF answers a state-changing request whose CSRF token is missing or forged, and
// audits it: a forged token is how cross-site request forgery shows.
func (s *Service) refuseCSRF(w http.ResponseWriter, r *http.Request, u *web.User) {
	ctx := audit.WithActor(r.Context(), audit.Actor{UserID: u.ID, Login: u.Login, Role: u.Role, IP: web.ClientIP(r)})
	err := audit.RecordOwnTx(ctx, s.st, audit.Event{Action: "csrf_refused", ObjectType: "session", ObjectID: r.Method + " " + r.URL.Path})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Fail(w, r, apperr.New(apperr.Forbidden, "access.csrf_invalid", nil))
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
