package enforce

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// EscalateOverdue escalates every open rectification in scope whose deadline passed before
// today to its station's head: the status becomes escalated and an "escalated" fact is
// journaled. It is safe to run any number of times (a daily job runs it with
// access.Everywhere, a head for its own jurisdiction); it returns how many it escalated.
func (s *Service) EscalateOverdue(ctx context.Context, scope access.Scope) (int, error) {
	return s.escalateOverdueOn(ctx, scope, s.today())
}

// escalateOverdueOn escalates the open rectifications in scope due before today.
func (s *Service) escalateOverdueOn(ctx context.Context, scope access.Scope, today time.Time) (int, error) {
	var n int
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		ids, err := overdueOpen(ctx, tx, today, scope)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.escalate(ctx, tx, id); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

func overdueOpen(ctx context.Context, tx *sql.Tx, today time.Time, scope access.Scope) ([]int64, error) {
	where, args := scopeWhere(scope, "r", 2)
	rows, err := tx.QueryContext(ctx, `SELECT r.id FROM rectifications r WHERE r.status = 'open' AND r.due_on < $1`+where+`
		ORDER BY r.id`, append([]any{today}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("overdue rectifications: %w", store.Normalize(err))
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("overdue rectifications: %w", store.Normalize(err))
		}
		ids = append(ids, id)
	}
	return ids, store.Normalize(rows.Err())
}

func (s *Service) escalate(ctx context.Context, tx *sql.Tx, id int64) error {
	before, err := rectificationByID(ctx, tx, id)
	if err != nil {
		return err
	}
	now := s.stamp()
	if _, err := tx.ExecContext(ctx, `UPDATE rectifications SET status = 'escalated', escalated_at = $2, updated_at = $2
		WHERE id = $1`, id, now); err != nil {
		return fmt.Errorf("escalate rectification %d: %w", id, store.Normalize(err))
	}
	after := *before
	after.Status, after.EscalatedAt = Escalated, &now
	return s.recordRectification(ctx, tx, &after, "escalate", before, TopicRectificationEscalated, "overdue")
}
