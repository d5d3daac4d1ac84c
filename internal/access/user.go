package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// User is a login account.
type User struct {
	ID          int64
	Login       string
	DisplayName string
	Roles       RoleSet
	OrgUnitID   int64
	PersonID    *int64
	BusinessID  *int64
	Disabled    bool
	CreatedAt   time.Time
	hash        string
}

// NewUser describes an account to create.
type NewUser struct {
	Login       string
	DisplayName string
	Roles       RoleSet
	OrgUnitID   int64
	PersonID    *int64
	BusinessID  *int64
	Password    string
}

// Users keeps accounts.
type Users struct{ st *store.Store }

// NewUsers returns the account store over st.
func NewUsers(st *store.Store) *Users { return &Users{st: st} }

// Create adds an account with a hashed password.
func (u *Users) Create(ctx context.Context, n NewUser) (*User, error) {
	n.Login, n.Roles = strings.TrimSpace(n.Login), NewRoleSet(n.Roles...)
	var c apperr.Collector
	if n.Login == "" {
		c.Add("login", "required", nil)
	}
	checkRoles(&c, n.Roles, n.BusinessID)
	checkPassword(&c, n.Login, n.Password)
	if err := c.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = u.st.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (login, display_name, org_unit_id, person_id, business_id, password_hash, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, n.Login, n.DisplayName, n.OrgUnitID, n.PersonID, n.BusinessID, hash, time.Now().UTC()).Scan(&id)
		err = store.Normalize(err)
		if errors.Is(err, store.ErrUnique) {
			return apperr.Fields(apperr.Field("login", "duplicate", nil))
		}
		if err != nil {
			return err
		}
		if err := insertRoles(ctx, tx, id, n.Roles); err != nil {
			return err
		}
		return audit.Record(ctx, u.st, tx, audit.Event{Action: "create", ObjectType: "user", ObjectID: fmt.Sprint(id),
			After: map[string]any{"login": n.Login, "display_name": n.DisplayName, "roles": n.Roles, "org_unit_id": n.OrgUnitID,
				"person_id": n.PersonID, "business_id": n.BusinessID}})
	})
	if err != nil {
		return nil, err
	}
	return u.ByID(ctx, id)
}

// userColumns are an account's columns and one of its roles: a query joining
// usersWithRoles returns a row per role.
const userColumns = `x.id, x.login, x.display_name, x.org_unit_id, x.person_id, x.business_id, x.disabled, x.created_at, x.password_hash, r.role`

const usersWithRoles = `users x JOIN user_roles r ON r.user_id = x.id`

const userByID = `SELECT ` + userColumns + ` FROM ` + usersWithRoles + ` WHERE x.id = $1`

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryUser reads one account and its roles from a query of userColumns, after any leading
// columns the query selects into lead; no row is store.ErrNotFound.
func queryUser(ctx context.Context, q querier, query string, arg any, lead ...any) (*User, error) {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("read user: %w", err)
	}
	defer rows.Close()
	var found *User
	for rows.Next() {
		var x User
		var role Role
		var person, business sql.NullInt64
		if err := rows.Scan(append(lead, &x.ID, &x.Login, &x.DisplayName, &x.OrgUnitID, &person, &business, &x.Disabled,
			&x.CreatedAt, &x.hash, &role)...); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		if found == nil {
			x.PersonID, x.BusinessID = store.IntPtr(person), store.IntPtr(business)
			found = &x
		}
		found.Roles = append(found.Roles, role)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read user: %w", err)
	}
	if found == nil {
		return nil, store.ErrNotFound
	}
	found.Roles = NewRoleSet(found.Roles...)
	return found, nil
}

// ByID returns an account.
func (u *Users) ByID(ctx context.Context, id int64) (*User, error) {
	return queryUser(ctx, u.st.DB(), userByID, id)
}

// ByLogin returns an account by its login name.
func (u *Users) ByLogin(ctx context.Context, login string) (*User, error) {
	return queryUser(ctx, u.st.DB(), `SELECT `+userColumns+` FROM `+usersWithRoles+` WHERE x.login = $1`, login)
}

// principal is an account with the kind and path of its org unit, which decide its scope.
type principal struct {
	User
	orgKind, orgPath string
}

// principal loads the account id, its roles and its org unit in one query: it runs on every
// request.
func (u *Users) principal(ctx context.Context, id int64) (*principal, error) {
	var p principal
	user, err := queryUser(ctx, u.st.DB(), `SELECT o.kind, o.path, `+userColumns+`
		FROM `+usersWithRoles+` JOIN org_units o ON o.id = x.org_unit_id WHERE x.id = $1`, id, &p.orgKind, &p.orgPath)
	if err != nil {
		return nil, fmt.Errorf("load user %d: %w", id, err)
	}
	p.User = *user
	return &p, nil
}
