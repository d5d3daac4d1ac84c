package access

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// checkRoles adds the field errors of an account's roles: at least one, each known, and a
// business operator alone and bound to its business. An account has one scope: a business
// operator's is its business, a staff member's its org subtree, and no account has both.
func checkRoles(c *apperr.Collector, roles RoleSet, businessID *int64) {
	switch {
	case len(roles) == 0:
		c.Add("roles", "required", nil)
	case slices.ContainsFunc(roles, func(r Role) bool { return !r.Valid() }):
		c.Add("roles", "one_of", map[string]any{"values": fmt.Sprint(Roles)})
	case roles.Has(RoleBusinessOperator) && len(roles) > 1:
		c.Add("roles", "operator_alone", nil)
	case roles.Has(RoleBusinessOperator) && businessID == nil:
		c.Add("business_id", "required", nil)
	case !roles.Has(RoleBusinessOperator) && businessID != nil:
		c.Add("business_id", "operator_only", nil)
	}
}

// insertRoles gives account id the roles.
func insertRoles(ctx context.Context, tx *sql.Tx, id int64, roles RoleSet) error {
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, id, r); err != nil {
			return fmt.Errorf("give user %d role %s: %w", id, r, err)
		}
	}
	return nil
}

// SetRoles replaces the roles of account id on behalf of a caller holding the roles by. The
// account is locked first and the caller's reach checked against the roles it holds then, so
// that two administrators changing it at once do not leave it holding both their choices,
// and a lesser one cannot overwrite a promotion made meanwhile. Its sessions act with the
// new roles from their next request on, and its API tokens stop working for a role the new
// roles do not include.
func (u *Users) SetRoles(ctx context.Context, id int64, roles, by RoleSet) error {
	roles = NewRoleSet(roles...)
	return u.st.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET id = id WHERE id = $1`, id) // the lock, on both engines
		if err != nil {
			return fmt.Errorf("lock user %d: %w", id, store.Normalize(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "access.user_not_found", nil)
		}
		before, err := queryUser(ctx, tx, userByID, id)
		if err != nil {
			return err
		}
		if !by.IncludesAll(before.Roles) {
			return apperr.New(apperr.Forbidden, "access.account_above_caller", nil)
		}
		var c apperr.Collector
		checkRoles(&c, roles, before.BusinessID)
		if err := c.Err(); err != nil {
			return err
		}
		if slices.Equal(roles, before.Roles) {
			return nil // nothing changes, nothing to record
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("clear roles of user %d: %w", id, err)
		}
		if err := insertRoles(ctx, tx, id, roles); err != nil {
			return err
		}
		return audit.Record(ctx, u.st, tx, audit.Event{Action: "update", ObjectType: "user", ObjectID: fmt.Sprint(id),
			Before: map[string]any{"roles": before.Roles}, After: map[string]any{"roles": roles}})
	})
}
