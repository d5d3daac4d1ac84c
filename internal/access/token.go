package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// DefaultTokenTTL is how long an API token lives unless asked otherwise.
const DefaultTokenTTL = 90 * 24 * time.Hour

// tokenUseGranularity is how precisely a token's last use is kept: writing it on every
// request made the slowest percent of API reads wait for the database's writer.
const tokenUseGranularity = 10 * time.Minute

// MaxTokenTTL bounds a token's life: machine credentials must be rotated.
const MaxTokenTTL = 366 * 24 * time.Hour

// Tokens keeps API bearer tokens for machine clients; only their digests are stored.
type Tokens struct{ st *store.Store }

// NewTokens returns the token store over st.
func NewTokens(st *store.Store) *Tokens { return &Tokens{st: st} }

// Token describes an issued token; its secret is never stored.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       Role       `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Live reports whether the token still authenticates at now.
func (t Token) Live(now time.Time) bool { return t.RevokedAt == nil && now.Before(t.ExpiresAt) }

// NewToken asks for a token for a user. A token acts as exactly one role, one that the
// user's roles include (a narrower one to give a script less); empty means the user's
// widest role.
type NewToken struct {
	UserID int64
	Name   string
	Role   Role
	TTL    time.Duration
}

// Create issues a token and returns its secret, shown once.
func (t *Tokens) Create(ctx context.Context, n NewToken) (string, *Token, error) {
	user, err := NewUsers(t.st).ByID(ctx, n.UserID)
	if err != nil {
		return "", nil, fmt.Errorf("token owner %d: %w", n.UserID, err)
	}
	if n.Role == "" {
		n.Role, _ = user.Roles.Widest() // none when no role includes the others: the request must name one
	}
	var c apperr.Collector
	switch {
	case n.Role == "":
		c.Add("role", "required", nil)
	case !n.Role.Valid() || !user.Roles.Includes(n.Role):
		c.Add("role", "token_role", map[string]any{"role": user.Roles.String()})
	}
	if n.TTL <= 0 || n.TTL > MaxTokenTTL {
		c.Add("days", "between", map[string]any{"min": 1, "max": int(MaxTokenTTL.Hours() / 24)})
	}
	if err := c.Err(); err != nil {
		return "", nil, err
	}
	secret := newSecret("sj_")
	now := time.Now().UTC().Truncate(time.Microsecond)
	tok := &Token{Name: n.Name, Role: n.Role, CreatedAt: now, ExpiresAt: now.Add(n.TTL)}
	err = t.st.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, token_hash, name, role, created_at, expires_at)
			VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`, n.UserID, digest(secret), n.Name, n.Role, now, tok.ExpiresAt).Scan(&tok.ID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, t.st, tx, audit.Event{Action: "create", ObjectType: "token", ObjectID: fmt.Sprint(tok.ID),
			After: map[string]any{"user_id": n.UserID, "name": n.Name, "role": n.Role, "expires_at": tok.ExpiresAt}})
	})
	if err != nil {
		return "", nil, fmt.Errorf("create token: %w", store.Normalize(err))
	}
	return secret, tok, nil
}

// errBadToken means the token is unknown, expired or revoked.
var errBadToken = errors.New("unknown, expired or revoked token")

// tokenGrant is what a live token lets its bearer act as.
type tokenGrant struct {
	userID int64
	role   Role
}

// Authenticate returns the user and role of a live token and records its use (to
// tokenUseGranularity).
func (t *Tokens) Authenticate(ctx context.Context, secret string) (tokenGrant, error) {
	var id int64
	var g tokenGrant
	var expires time.Time
	var revoked, used sql.NullTime
	err := t.st.DB().QueryRowContext(ctx, `SELECT t.id, t.user_id, t.role, t.expires_at, t.revoked_at, t.last_used_at
		FROM api_tokens t WHERE t.token_hash = $1`, digest(secret)).Scan(&id, &g.userID, &g.role, &expires, &revoked, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return tokenGrant{}, errBadToken
	}
	if err != nil {
		return tokenGrant{}, fmt.Errorf("read token: %w", err)
	}
	now := time.Now().UTC()
	if revoked.Valid || now.After(expires) {
		return tokenGrant{}, errBadToken
	}
	// A busy client would otherwise turn every read into a write, and a write can wait for
	// a checkpoint: the last use is kept to tokenUseGranularity.
	if !used.Valid || now.Sub(used.Time) > tokenUseGranularity {
		if _, err := t.st.DB().ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id); err != nil {
			return tokenGrant{}, fmt.Errorf("touch token: %w", err)
		}
	}
	return g, nil
}

// List returns a user's tokens, newest first, revoked and expired ones included.
func (t *Tokens) List(ctx context.Context, userID int64) ([]Token, error) {
	rows, err := t.st.DB().QueryContext(ctx, `SELECT id, name, role, created_at, expires_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var x Token
		var used, revoked sql.NullTime
		if err := rows.Scan(&x.ID, &x.Name, &x.Role, &x.CreatedAt, &x.ExpiresAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("scan token: %w", err)
		}
		x.LastUsedAt, x.RevokedAt = store.TimePtr(used), store.TimePtr(revoked)
		out = append(out, x)
	}
	return out, rows.Err()
}

// Revoke ends token id of userID at once; a token of another user is not found.
func (t *Tokens) Revoke(ctx context.Context, userID, id int64) error {
	return t.st.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
			time.Now().UTC(), id, userID)
		if err != nil {
			return fmt.Errorf("revoke token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "access.token_not_found", map[string]any{"id": id})
		}
		return audit.Record(ctx, t.st, tx, audit.Event{Action: "revoke", ObjectType: "token", ObjectID: fmt.Sprint(id)})
	})
}
