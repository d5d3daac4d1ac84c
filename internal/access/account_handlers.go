package access

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// accountRoutes are the caller's own account: sessions and API tokens.
func (s *Service) accountRoutes(r *web.Router) {
	r.Handle("GET /account", web.Authenticated, "Own account: sessions and API tokens", s.accountPage)
	r.Handle("POST /logout/all", web.Authenticated, "Log out everywhere: end every session of the account", s.logoutAll)
	r.Handle("POST /account/tokens", TokenOwn, "Create an API token (its secret is shown once)", s.tokenCreateForm)
	r.Handle("POST /account/tokens/{id}/revoke", TokenOwn, "Revoke an API token", s.tokenRevokeForm)
	r.Handle("GET /api/v1/tokens", TokenOwn, "List the caller's API tokens with their last use", web.API(s.apiTokenList))
	r.Handle("POST /api/v1/tokens", TokenOwn, "Create an API token for the caller", web.API(s.apiTokenCreate))
	r.Handle("DELETE /api/v1/tokens/{id}", TokenOwn, "Revoke one of the caller's API tokens", web.API(s.apiTokenRevoke))
}

type accountView struct {
	Held     RoleSet // the roles the caller acts with: all of its account's in a session
	Sessions int
	Tokens   []Token
	Roles    []Role // the roles a new token may act as
	Secret   string // a token just created, shown once
	Error    error
	Now      time.Time
}

func (s *Service) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, accountView{})
}

func (s *Service) renderAccount(w http.ResponseWriter, r *http.Request, v accountView) {
	u := web.UserFrom(r.Context())
	var err error
	if v.Sessions, err = s.Sessions.Count(r.Context(), u.ID); err != nil {
		web.Fail(w, r, err)
		return
	}
	if v.Tokens, err = s.Tokens.List(r.Context(), u.ID); err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Held, v.Now = rolesOf(u), time.Now()
	v.Roles = v.Held.Narrower()
	if v.Error != nil {
		w.WriteHeader(web.StatusOf(apperr.From(v.Error).Code))
	}
	s.account.Render(w, r, v)
}

func (s *Service) logoutAll(w http.ResponseWriter, r *http.Request) {
	u := web.UserFrom(r.Context())
	if err := s.Sessions.EndAll(r.Context(), u.ID); err != nil {
		web.Fail(w, r, err)
		return
	}
	clearSessionCookie(w)
	if web.IsAPI(r) || u.ViaToken {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// tokenRequest is the body of POST /api/v1/tokens and the fields of the token form.
type tokenRequest struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	Days int    `json:"days"`
}

func (s *Service) createToken(r *http.Request, req tokenRequest) (string, *Token, error) {
	if req.Days == 0 {
		req.Days = int(DefaultTokenTTL.Hours() / 24)
	}
	if strings.TrimSpace(req.Name) == "" {
		return "", nil, apperr.Fields(apperr.Field("name", "required", nil))
	}
	u := web.UserFrom(r.Context())
	if u.ViaToken { // a script's token may hand out only what it holds itself
		if req.Role == "" {
			req.Role = Role(u.Role)
		}
		if !rolesOf(u).Includes(req.Role) {
			return "", nil, apperr.Fields(apperr.Field("role", "token_role", map[string]any{"role": u.Role}))
		}
	}
	return s.Tokens.Create(r.Context(), NewToken{UserID: u.ID, Name: strings.TrimSpace(req.Name), Role: req.Role,
		TTL: time.Duration(req.Days) * 24 * time.Hour})
}

func (s *Service) tokenCreateForm(w http.ResponseWriter, r *http.Request) {
	days, err := strconv.Atoi(r.FormValue("days"))
	if err != nil && r.FormValue("days") != "" {
		s.renderAccount(w, r, accountView{Error: apperr.Fields(apperr.Field("days", "integer", nil))})
		return
	}
	secret, _, err := s.createToken(r, tokenRequest{Name: r.FormValue("name"), Role: Role(r.FormValue("role")), Days: days})
	s.renderAccount(w, r, accountView{Secret: secret, Error: err})
}

func (s *Service) tokenRevokeForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = s.Tokens.Revoke(r.Context(), web.UserFrom(r.Context()).ID, id)
	}
	if err != nil {
		web.Fail(w, r, apperr.From(err))
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Service) apiTokenList(r *http.Request) (int, any, error) {
	tokens, err := s.Tokens.List(r.Context(), web.UserFrom(r.Context()).ID)
	return http.StatusOK, map[string]any{"tokens": tokens}, err
}

func (s *Service) apiTokenCreate(r *http.Request) (int, any, error) {
	var req tokenRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return 0, nil, err
	}
	secret, tok, err := s.createToken(r, req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]any{"token": tok, "secret": secret}, nil
}

func (s *Service) apiTokenRevoke(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	if err := s.Tokens.Revoke(r.Context(), web.UserFrom(r.Context()).ID, id); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
