package access

import (
	"context"
	"net/http"
	"slices"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// roleChoice is the roles a request gives an account: the array "roles", or the single
// "role" that scripts written when an account held one role still send (both are joined).
type roleChoice struct {
	Roles RoleSet `json:"roles"`
	Role  Role    `json:"role"`
}

func (c roleChoice) set() RoleSet {
	if c.Role == "" {
		return NewRoleSet(c.Roles...)
	}
	return NewRoleSet(append(slices.Clone(c.Roles), c.Role)...)
}

// formRoles reads the role checkboxes of a form, and a single "role" field as well.
func formRoles(r *http.Request) RoleSet {
	c := roleChoice{Role: Role(r.FormValue("role"))} // FormValue parses the form into r.Form
	for _, v := range r.Form["roles"] {
		c.Roles = append(c.Roles, Role(v))
	}
	return c.set()
}

// checkGrant refuses to give an account roles beyond the caller's own: an administrator
// cannot hand out a permission it does not hold.
func checkGrant(ctx context.Context, roles RoleSet) error {
	if !rolesOf(web.UserFrom(ctx)).IncludesAll(roles) {
		return apperr.Fields(apperr.Field("roles", "role_above_caller", nil))
	}
	return nil
}

// setRoles is the action that replaces an account's roles with roles.
func setRoles(roles RoleSet) accountAction {
	return func(s *Service, ctx context.Context, id int64) (string, error) {
		if err := checkGrant(ctx, roles); err != nil {
			return "", err
		}
		return "", s.Users.SetRoles(ctx, id, roles, rolesOf(web.UserFrom(ctx)))
	}
}

func (s *Service) userRolesForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.onAccount(r, setRoles(formRoles(r))); err != nil {
		s.renderUsers(w, r, usersView{Error: err})
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}

func (s *Service) apiUserRoles(r *http.Request) (int, any, error) {
	var req roleChoice
	if err := web.DecodeJSON(r, &req); err != nil {
		return 0, nil, err
	}
	if _, err := s.onAccount(r, setRoles(req.set())); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
