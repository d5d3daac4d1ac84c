package access

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// userRoutes let administrators manage the accounts of their scope.
func (s *Service) userRoutes(r *web.Router) {
	r.Handle("GET /users", UserManage, "Accounts in the caller's scope", s.usersPage)
	r.Handle("POST /users", UserManage, "Create an account from the form", s.userCreateForm)
	r.Handle("POST /users/{id}/disable", UserManage, "Disable an account and end its sessions", s.userActionForm(disableAccount))
	r.Handle("POST /users/{id}/enable", UserManage, "Enable a disabled account", s.userActionForm(enableAccount))
	r.Handle("POST /users/{id}/reset-password", UserManage, "Reset an account's password to a temporary one", s.userActionForm(resetAccount))
	r.Handle("POST /users/{id}/roles", UserManage, "Replace an account's roles from the form", s.userRolesForm)
	r.Handle("GET /api/v1/users", UserManage, "List the accounts in the caller's scope", web.API(s.apiUserList))
	r.Handle("POST /api/v1/users", UserManage, "Create an account", web.API(s.apiUserCreate))
	r.Handle("POST /api/v1/users/{id}/disable", UserManage, "Disable an account and end its sessions", web.API(s.apiUserAction(disableAccount)))
	r.Handle("POST /api/v1/users/{id}/enable", UserManage, "Enable a disabled account", web.API(s.apiUserAction(enableAccount)))
	r.Handle("POST /api/v1/users/{id}/reset-password", UserManage, "Reset an account's password; the temporary password is returned once", web.API(s.apiUserAction(resetAccount)))
	r.Handle("PUT /api/v1/users/{id}/roles", UserManage, "Replace an account's roles", web.API(s.apiUserRoles))
}

// userRequest is the body of POST /api/v1/users and the fields of the account form.
type userRequest struct {
	Login       string  `json:"login"`
	DisplayName string  `json:"display_name"`
	Roles       RoleSet `json:"roles"`
	Role        Role    `json:"role"` // the single role of scripts from before accounts held several
	OrgUnitID   int64   `json:"org_unit_id"`
	BusinessID  *int64  `json:"business_id"`
	Password    string  `json:"password"`
}

// createAccount checks that the new account lies in the caller's scope and holds no more
// than the caller's roles, then creates it.
func (s *Service) createAccount(ctx context.Context, req userRequest) (*User, error) {
	scope, roles := ScopeFrom(ctx), roleChoice{Roles: req.Roles, Role: req.Role}.set()
	if err := checkGrant(ctx, roles); err != nil {
		return nil, err
	}
	if req.OrgUnitID <= 0 {
		return nil, apperr.Fields(apperr.Field("org_unit_id", "required", nil))
	}
	path, err := s.Users.orgPath(ctx, "org_unit_id", req.OrgUnitID)
	if err != nil {
		return nil, err
	}
	if !scope.CoversOrgPath(path) {
		return nil, apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
	}
	if req.BusinessID != nil {
		ok, err := s.Users.businessInScope(ctx, scope, *req.BusinessID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, apperr.Fields(apperr.Field("business_id", "exists", nil))
		}
	}
	return s.Users.Create(ctx, NewUser{Login: req.Login, DisplayName: strings.TrimSpace(req.DisplayName), Roles: roles,
		OrgUnitID: req.OrgUnitID, BusinessID: req.BusinessID, Password: req.Password})
}

// accountAction is an administrator's action on one account; reset returns a password.
type accountAction func(s *Service, ctx context.Context, id int64) (password string, err error)

func disableAccount(s *Service, ctx context.Context, id int64) (string, error) {
	return "", s.Users.SetDisabled(ctx, id, true)
}

func enableAccount(s *Service, ctx context.Context, id int64) (string, error) {
	return "", s.Users.SetDisabled(ctx, id, false)
}

func resetAccount(s *Service, ctx context.Context, id int64) (string, error) {
	return s.Users.ResetPassword(ctx, id)
}

// onAccount runs act on account id when the account lies in the caller's scope (accounts
// outside it are not found) and holds no role beyond the caller's roles.
func (s *Service) onAccount(r *http.Request, act accountAction) (string, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return "", err
	}
	p, err := s.Users.principal(r.Context(), id)
	caller := web.UserFrom(r.Context())
	switch {
	case err != nil || !ScopeFrom(r.Context()).CoversOrgPath(p.orgPath):
		return "", apperr.New(apperr.NotFound, "access.user_not_found", nil)
	case id == caller.ID:
		return "", apperr.New(apperr.Conflict, "access.not_on_self", nil)
	case !rolesOf(caller).IncludesAll(p.Roles):
		return "", apperr.New(apperr.Forbidden, "access.account_above_caller", nil)
	}
	return act(s, r.Context(), id)
}

type usersView struct {
	Accounts []Account
	Units    []OrgChoice
	Caller   RoleSet // the roles of the administrator, who may act on accounts within them
	Roles    []Role  // the roles the administrator may grant
	Form     userRequest
	Password string // a temporary password just set, shown once
	Error    error
}

func (s *Service) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, usersView{})
}

func (s *Service) renderUsers(w http.ResponseWriter, r *http.Request, v usersView) {
	var err error
	if v.Accounts, err = s.Users.List(r.Context(), ScopeFrom(r.Context())); err != nil {
		web.Fail(w, r, err)
		return
	}
	if v.Units, err = s.Users.OrgChoices(r.Context(), ScopeFrom(r.Context())); err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Caller = rolesOf(web.UserFrom(r.Context()))
	v.Roles = v.Caller.Narrower()
	if v.Error != nil {
		w.WriteHeader(web.StatusOf(apperr.From(v.Error).Code))
	}
	s.users.Render(w, r, v)
}

func (s *Service) userCreateForm(w http.ResponseWriter, r *http.Request) {
	req := userRequest{Login: r.FormValue("login"), DisplayName: r.FormValue("display_name"), Roles: formRoles(r),
		Password: r.FormValue("password")}
	req.OrgUnitID, _ = strconv.ParseInt(r.FormValue("org_unit_id"), 10, 64)
	if b, err := strconv.ParseInt(r.FormValue("business_id"), 10, 64); err == nil {
		req.BusinessID = &b
	}
	_, err := s.createAccount(r.Context(), req)
	if err != nil {
		req.Password = ""
		s.renderUsers(w, r, usersView{Form: req, Error: err})
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}

func (s *Service) userActionForm(act accountAction) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		password, err := s.onAccount(r, act)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		if password != "" {
			s.renderUsers(w, r, usersView{Password: password})
			return
		}
		http.Redirect(w, r, "/users", http.StatusSeeOther)
	}
}

func (s *Service) apiUserList(r *http.Request) (int, any, error) {
	accounts, err := s.Users.List(r.Context(), ScopeFrom(r.Context()))
	return http.StatusOK, map[string]any{"users": accounts}, err
}

func (s *Service) apiUserCreate(r *http.Request) (int, any, error) {
	var req userRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return 0, nil, err
	}
	u, err := s.createAccount(r.Context(), req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]any{"id": u.ID, "login": u.Login, "roles": u.Roles}, nil
}

func (s *Service) apiUserAction(act accountAction) func(*http.Request) (int, any, error) {
	return func(r *http.Request) (int, any, error) {
		password, err := s.onAccount(r, act)
		if err != nil {
			return 0, nil, err
		}
		if password != "" {
			return http.StatusOK, map[string]string{"temporary_password": password}, nil
		}
		return http.StatusNoContent, nil, nil
	}
}
