package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
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

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

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
	if utf8.RuneCountInString(n.Password) < MinPasswordLength {
		c.Add("password", "password_length", map[string]any{"min": MinPasswordLength})
	}
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
		return err
	})
	if err != nil {
		return nil, err
	}
	return u.ByID(ctx, id)
}

const userColumns = `id, login, display_name, role, org_unit_id, person_id, business_id, disabled, created_at, password_hash`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var x User
	var person, business sql.NullInt64
	if err := row.Scan(&x.ID, &x.Login, &x.DisplayName, &x.Role, &x.OrgUnitID, &person, &business, &x.Disabled, &x.CreatedAt, &x.hash); err != nil {
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
