package rules

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

const changeColumns = `id, rule_key, set_name, set_version, old_value, value, reason,
	user_id, user_login, user_name, user_role, supersedes_id, created_at`

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// changesOf lists the overrides of one definition, newest first.
func changesOf(ctx context.Context, q querier, r Rule) ([]Change, error) {
	return listChanges(ctx, q, "WHERE rule_key = $1 AND set_name = $2 AND set_version = $3",
		[]any{r.Key, r.Set, r.Version})
}

// listChanges lists the overrides matching where, newest first.
func listChanges(ctx context.Context, q querier, where string, args []any) ([]Change, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+changeColumns+` FROM rule_overrides `+where+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list rule overrides: %w", store.Normalize(err))
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list rule overrides: %w", store.Normalize(err))
	}
	return out, nil
}

func scanChange(rows *sql.Rows) (Change, error) {
	var c Change
	var oldValue, value string
	var supersedes sql.NullInt64
	err := rows.Scan(&c.ID, &c.Key, &c.Set, &c.Version, &oldValue, &value, &c.Reason,
		&c.UserID, &c.UserLogin, &c.UserName, &c.UserRole, &supersedes, &c.CreatedAt)
	if err != nil {
		return c, fmt.Errorf("scan rule override: %w", err)
	}
	c.OldValue, c.Value = []byte(oldValue), []byte(value)
	if supersedes.Valid {
		c.Supersedes = &supersedes.Int64
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return c, nil
}

// insertChange appends c. The unique indexes on supersedes_id keep the history a single
// line, so that of two overrides racing from the same state the second is a Conflict.
func insertChange(ctx context.Context, st *store.Store, tx *sql.Tx, c Change) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO rule_overrides (rule_key, set_name, set_version, old_value,
		value, reason, user_id, user_login, user_name, user_role, supersedes_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		c.Key, c.Set, c.Version, string(c.OldValue), string(c.Value), c.Reason,
		c.UserID, c.UserLogin, c.UserName, c.UserRole, c.Supersedes, c.CreatedAt)
	err = store.Normalize(err)
	if errors.Is(err, store.ErrUnique) {
		return &apperr.Error{Code: apperr.Conflict, Key: "rules.override_conflict", Err: err}
	}
	if err != nil {
		return fmt.Errorf("insert rule override %s: %w", c.Key, err)
	}
	return audit.Record(ctx, st, tx, audit.Event{Action: "override", ObjectType: "rule", ObjectID: c.Key,
		Before: json.RawMessage(c.OldValue), After: map[string]any{"value": json.RawMessage(c.Value), "reason": c.Reason}})
}
