package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// Account is a user as an administrator sees it in a list.
type Account struct {
	ID          int64   `json:"id"`
	Login       string  `json:"login"`
	DisplayName string  `json:"display_name"`
	Roles       RoleSet `json:"roles"`
	OrgUnitID   int64   `json:"org_unit_id"`
	OrgName     string  `json:"org_name"`
	BusinessID  *int64  `json:"business_id,omitempty"`
	Disabled    bool    `json:"disabled"`
}

// List returns the accounts whose org unit lies in scope, by login.
func (u *Users) List(ctx context.Context, scope Scope) ([]Account, error) {
	rows, err := u.st.DB().QueryContext(ctx, `SELECT x.id, x.login, x.display_name, r.role, x.org_unit_id, o.name, x.business_id, x.disabled
		FROM `+usersWithRoles+` JOIN org_units o ON o.id = x.org_unit_id WHERE o.path LIKE $1 ORDER BY x.login, x.id`, scope.Path+"%")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	out := []Account{}
	for rows.Next() {
		var a Account
		var role Role
		var business sql.NullInt64
		if err := rows.Scan(&a.ID, &a.Login, &a.DisplayName, &role, &a.OrgUnitID, &a.OrgName, &business, &a.Disabled); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		// The query returns a row per role, an account's rows one after another.
		if n := len(out); n > 0 && out[n-1].ID == a.ID {
			out[n-1].Roles = NewRoleSet(append(out[n-1].Roles, role)...)
			continue
		}
		a.Roles, a.BusinessID = RoleSet{role}, store.IntPtr(business)
		out = append(out, a)
	}
	return out, rows.Err()
}

// orgPath returns the path of org unit id, or a field error naming field when there is none.
func (u *Users) orgPath(ctx context.Context, field string, id int64) (string, error) {
	var path string
	err := u.st.DB().QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, id).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.Fields(apperr.Field(field, "exists", nil))
	}
	if err != nil {
		return "", fmt.Errorf("read org unit %d: %w", id, err)
	}
	return path, nil
}

// businessInScope reports whether business id exists inside scope, for a new operator
// account; it reads the business table directly since access sits below the registry.
func (u *Users) businessInScope(ctx context.Context, scope Scope, id int64) (bool, error) {
	var district, station int64
	var grid sql.NullInt64
	err := u.st.DB().QueryRowContext(ctx, `SELECT district_id, station_id, grid_id FROM businesses WHERE id = $1`, id).Scan(&district, &station, &grid)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read business %d: %w", id, err)
	}
	var g *int64
	if grid.Valid {
		g = &grid.Int64
	}
	return scope.CoversBusiness(id, district, station, g), nil
}

// SetDisabled disables or re-enables account id; disabling ends its sessions at once (its
// tokens stop working because every request checks the account).
func (u *Users) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return u.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := exec1(ctx, tx, `UPDATE users SET disabled = $1 WHERE id = $2`, disabled, id); err != nil {
			return err
		}
		action := "enable"
		if disabled {
			action = "disable"
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
		}
		return audit.Record(ctx, u.st, tx, audit.Event{Action: action, ObjectType: "user", ObjectID: fmt.Sprint(id),
			Before: map[string]bool{"disabled": !disabled}, After: map[string]bool{"disabled": disabled}})
	})
}

// ResetPassword gives account id a new temporary password, ends its sessions and clears its
// lockout; the password is returned once, for the administrator to hand over.
func (u *Users) ResetPassword(ctx context.Context, id int64) (string, error) {
	password := temporaryPassword()
	hash, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	err = u.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := exec1(ctx, tx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE login = (SELECT login FROM users WHERE id = $1)`, id); err != nil {
			return err
		}
		return audit.Record(ctx, u.st, tx, audit.Event{Action: "reset_password", ObjectType: "user", ObjectID: fmt.Sprint(id)})
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// exec1 runs a statement that must change exactly one user.
func exec1(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update user: %w", store.Normalize(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "access.user_not_found", nil)
	}
	return nil
}

// OrgChoice is an org unit an administrator may put an account in.
type OrgChoice struct {
	ID   int64
	Kind string
	Name string
}

// OrgChoices lists the units of scope that accounts can belong to, in tree order: the city,
// districts and stations, and the grids too once the scope is a single station, so that a
// city-wide list stays short.
func (u *Users) OrgChoices(ctx context.Context, scope Scope) ([]OrgChoice, error) {
	rows, err := u.st.DB().QueryContext(ctx, `SELECT id, kind, name FROM org_units
		WHERE path LIKE $1 AND (kind <> 'grid' OR $2) ORDER BY path`, scope.Path+"%", scope.StationID != 0)
	if err != nil {
		return nil, fmt.Errorf("list org units: %w", err)
	}
	defer rows.Close()
	var out []OrgChoice
	for rows.Next() {
		var c OrgChoice
		if err := rows.Scan(&c.ID, &c.Kind, &c.Name); err != nil {
			return nil, fmt.Errorf("scan org unit: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
