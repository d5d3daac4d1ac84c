package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// DefaultTokenTTL is how long an API token lives unless asked otherwise.
const DefaultTokenTTL = 90 * 24 * time.Hour

// Tokens keeps API bearer tokens for machine clients; only their digests are stored.
type Tokens struct{ st *store.Store }

// NewTokens returns the token store over st.
func NewTokens(st *store.Store) *Tokens { return &Tokens{st: st} }

// Create issues a token for userID and returns its secret, shown once.
func (t *Tokens) Create(ctx context.Context, userID int64, name string, ttl time.Duration) (string, error) {
	secret := newSecret("sj_")
	now := time.Now().UTC()
	_, err := t.st.DB().ExecContext(ctx, `INSERT INTO api_tokens (user_id, token_hash, name, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)`,
		userID, digest(secret), name, now, now.Add(ttl))
	if err != nil {
		return "", fmt.Errorf("create token: %w", store.Normalize(err))
	}
	return secret, nil
}

// errBadToken means the token is unknown, expired or revoked.
var errBadToken = errors.New("unknown, expired or revoked token")

// Authenticate returns the user of a live token and records its use.
func (t *Tokens) Authenticate(ctx context.Context, secret string) (int64, error) {
	var id, userID int64
	var expires time.Time
	var revoked sql.NullTime
	err := t.st.DB().QueryRowContext(ctx, `SELECT id, user_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = $1`, digest(secret)).
		Scan(&id, &userID, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errBadToken
	}
	if err != nil {
		return 0, fmt.Errorf("read token: %w", err)
	}
	now := time.Now().UTC()
	if revoked.Valid || now.After(expires) {
		return 0, errBadToken
	}
	if _, err := t.st.DB().ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id); err != nil {
		return 0, fmt.Errorf("touch token: %w", err)
	}
	return userID, nil
}
