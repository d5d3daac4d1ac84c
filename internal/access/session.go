package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// Session lifetimes: a session ends after SessionIdle without a request and at the latest
// SessionAbsolute after login.
const (
	SessionIdle     = 2 * time.Hour
	SessionAbsolute = 12 * time.Hour
	// lastSeenGranularity limits how often a busy session's last_seen_at is rewritten.
	lastSeenGranularity = time.Minute
)

// Sessions keeps login sessions.
type Sessions struct{ st *store.Store }

// NewSessions returns the session store over st.
func NewSessions(st *store.Store) *Sessions { return &Sessions{st: st} }

// Start opens a session for userID and returns its secret cookie value and CSRF token.
func (s *Sessions) Start(ctx context.Context, userID int64) (token, csrf string, err error) {
	token, csrf = newSecret("s_"), newSecret("")
	now := time.Now().UTC()
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1,$2,$3,$4,$4,$5)`,
			digest(token), userID, csrf, now, now.Add(SessionAbsolute))
		if err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "login", ObjectType: "user", ObjectID: fmt.Sprint(userID)})
	})
	if err != nil {
		return "", "", fmt.Errorf("start session: %w", err)
	}
	return token, csrf, nil
}

// errNoSession means the cookie names no live session.
var errNoSession = errors.New("no live session")

// Resume returns the user and CSRF token of a live session and refreshes its idle timer.
func (s *Sessions) Resume(ctx context.Context, token string) (userID int64, csrf string, err error) {
	var lastSeen, expires time.Time
	err = s.st.DB().QueryRowContext(ctx, `SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = $1`, digest(token)).
		Scan(&userID, &csrf, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", errNoSession
	}
	if err != nil {
		return 0, "", fmt.Errorf("resume session: %w", err)
	}
	now := time.Now().UTC()
	if now.After(expires) || now.Sub(lastSeen) > SessionIdle {
		s.End(ctx, token)
		return 0, "", errNoSession
	}
	if now.Sub(lastSeen) > lastSeenGranularity {
		if _, err := s.st.DB().ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`, now, digest(token)); err != nil {
			return 0, "", fmt.Errorf("touch session: %w", err)
		}
	}
	return userID, csrf, nil
}

// End closes one session.
func (s *Sessions) End(ctx context.Context, token string) error {
	_, err := s.st.DB().ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, digest(token))
	return err
}

// EndAll closes every session of userID: "log out everywhere".
func (s *Sessions) EndAll(ctx context.Context, userID int64) error {
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "logout_all", ObjectType: "user", ObjectID: fmt.Sprint(userID)})
	})
	if err != nil {
		return fmt.Errorf("end sessions of user %d: %w", userID, err)
	}
	return nil
}

// Count returns how many live sessions userID has.
func (s *Sessions) Count(ctx context.Context, userID int64) (int, error) {
	var n int
	now := time.Now().UTC()
	err := s.st.DB().QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3`,
		userID, now, now.Add(-SessionIdle)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count sessions: %w", err)
	}
	return n, nil
}
