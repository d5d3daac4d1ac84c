package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Lockout policy: MaxFailures wrong passwords for one login within FailureWindow lock that
// login for LockoutDuration. Failures are counted per login name, known or not, so that the
// answer never tells whether a login exists.
const (
	MaxFailures     = 5
	FailureWindow   = 15 * time.Minute
	LockoutDuration = 15 * time.Minute
)

// Lockouts counts failed logins and locks logins that fail too often.
type Lockouts struct{ st *store.Store }

// NewLockouts returns the lockout store over st.
func NewLockouts(st *store.Store) *Lockouts { return &Lockouts{st: st} }

// LockedUntil returns when the lock on login ends, or the zero time when it is not locked.
func (l *Lockouts) LockedUntil(ctx context.Context, login string, now time.Time) (time.Time, error) {
	var until sql.NullTime
	err := l.st.DB().QueryRowContext(ctx, `SELECT locked_until FROM login_failures WHERE login = $1`, login).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (!until.Valid || !until.Time.After(now))) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read lockout of %q: %w", login, err)
	}
	return until.Time, nil
}

// Fail counts a failed login at now and reports whether this failure locked the login.
func (l *Lockouts) Fail(ctx context.Context, login string, now time.Time) (locked bool, err error) {
	err = l.st.Tx(ctx, func(tx *sql.Tx) error {
		var failures int
		var first time.Time
		err := tx.QueryRowContext(ctx, `SELECT failures, first_at FROM login_failures WHERE login = $1`, login).Scan(&failures, &first)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			// A concurrent first failure may have inserted the row since: count on it.
			_, err = tx.ExecContext(ctx, `INSERT INTO login_failures (login, failures, first_at) VALUES ($1, 1, $2)
				ON CONFLICT (login) DO UPDATE SET failures = login_failures.failures + 1`, login, now)
			return err
		case err != nil:
			return err
		case now.Sub(first) > FailureWindow:
			failures, first = 0, now
		}
		failures++
		var until *time.Time
		if failures >= MaxFailures {
			t := now.Add(LockoutDuration)
			until, locked, failures, first = &t, true, 0, now
		}
		_, err = tx.ExecContext(ctx, `UPDATE login_failures SET failures = $1, first_at = $2, locked_until = COALESCE($3, locked_until) WHERE login = $4`,
			failures, first, until, login)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("count failed login of %q: %w", login, store.Normalize(err))
	}
	return locked, nil
}

// Clear forgets the failures of login after a successful login or a password reset.
func (l *Lockouts) Clear(ctx context.Context, login string) error {
	if _, err := l.st.DB().ExecContext(ctx, `DELETE FROM login_failures WHERE login = $1`, login); err != nil {
		return fmt.Errorf("clear failed logins of %q: %w", login, err)
	}
	return nil
}
