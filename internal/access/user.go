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
	Role        Role
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
	Role        Role
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
	n.Login = strings.TrimSpace(n.Login)
	var c apperr.Collector
	if n.Login == "" {
		c.Add("login", "required", nil)
	}
	if !n.Role.Valid() {
		c.Add("role", "one_of", map[string]any{"values": fmt.Sprint(Roles)})
	}
	checkPassword(&c, n.Login, n.Password)
	if n.Role == RoleBusinessOperator && n.BusinessID == nil {
		c.Add("business_id", "required", nil)
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = u.st.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (login, display_name, role, org_unit_id, person_id, business_id, password_hash, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, n.Login, n.DisplayName, n.Role, n.OrgUnitID, n.PersonID, n.BusinessID, hash, time.Now().UTC()).Scan(&id)
		err = store.Normalize(err)
		if errors.Is(err, store.ErrUnique) {
			return apperr.Fields(apperr.Field("login", "duplicate", nil))
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{Action: "create", ObjectType: "user", ObjectID: fmt.Sprint(id),
			After: map[string]any{"login": n.Login, "display_name": n.DisplayName, "role": n.Role, "org_unit_id": n.OrgUnitID,
				"person_id": n.PersonID, "business_id": n.BusinessID}})
	})
	if err != nil {
		return nil, err
	}
	return u.ByID(ctx, id)
}

const userColumns = `id, login, display_name, role, org_unit_id, person_id, business_id, disabled, created_at, password_hash`

// scanUser reads userColumns, after any leading columns the query selects into lead.
func scanUser(row interface{ Scan(...any) error }, lead ...any) (*User, error) {
	var x User
	var person, business sql.NullInt64
	if err := row.Scan(append(lead, &x.ID, &x.Login, &x.DisplayName, &x.Role, &x.OrgUnitID, &person, &business, &x.Disabled, &x.CreatedAt, &x.hash)...); err != nil {
		return nil, store.Normalize(err)
	}
	if person.Valid {
		x.PersonID = &person.Int64
	}
	if business.Valid {
		x.BusinessID = &business.Int64
	}
	return &x, nil
}

// ByID returns an account.
func (u *Users) ByID(ctx context.Context, id int64) (*User, error) {
	return scanUser(u.st.DB().QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// ByLogin returns an account by its login name.
func (u *Users) ByLogin(ctx context.Context, login string) (*User, error) {
	return scanUser(u.st.DB().QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE login = $1`, login))
}

// principal is an account with the kind and path of its org unit, which decide its scope.
type principal struct {
	User
	orgKind, orgPath string
}

// principal loads the account id and its org unit in one query: it runs on every request.
func (u *Users) principal(ctx context.Context, id int64) (*principal, error) {
	var p principal
	row := u.st.DB().QueryRowContext(ctx, `SELECT o.kind, o.path, `+prefixed("x.", userColumns)+`
		FROM users x JOIN org_units o ON o.id = x.org_unit_id WHERE x.id = $1`, id)
	user, err := scanUser(row, &p.orgKind, &p.orgPath)
	if err != nil {
		return nil, fmt.Errorf("load user %d: %w", id, err)
	}
	p.User = *user
	return &p, nil
}

// prefixed qualifies each of a comma-separated column list with prefix.
func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = prefix + c
	}
	return strings.Join(cols, ", ")
}
