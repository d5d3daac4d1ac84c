package journal

import (
	"context"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Failure is an entry parked for a subscriber after MaxAttempts failed deliveries. It stays
// until Retry re-queues it.
type Failure struct {
	Subscriber string
	Entry      Entry
	Attempts   int
	LastError  string
	FailedAt   time.Time
}

// Failed lists the parked deliveries of every subscriber, oldest entry first.
func (d *Dispatcher) Failed(ctx context.Context) ([]Failure, error) {
	rows, err := d.store.ReadDB().QueryContext(ctx, `SELECT `+entryColumns+`,
		d.subscriber, d.attempts, d.last_error, d.updated_at
		FROM journal_deliveries d JOIN journal_entries e ON e.id = d.entry_id
		WHERE d.status = 'failed' ORDER BY d.entry_id, d.subscriber`)
	if err != nil {
		return nil, fmt.Errorf("list failed: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		if f.Entry, err = scanEntry(rows, &f.Subscriber, &f.Attempts, &f.LastError, &f.FailedAt); err != nil {
			return nil, fmt.Errorf("list failed: %w", err)
		}
		f.FailedAt = f.FailedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// Retry re-queues a parked delivery for its next poll, with a fresh count of attempts.
// It returns store.ErrNotFound when the entry is not parked for that subscriber.
func (d *Dispatcher) Retry(ctx context.Context, subscriber string, entryID int64) error {
	res, err := d.store.DB().ExecContext(ctx, `UPDATE journal_deliveries
		SET status = 'pending', attempts = 0, next_attempt_at = $3, updated_at = $3
		WHERE subscriber = $1 AND entry_id = $2 AND status = 'failed'`, subscriber, entryID, now())
	if err != nil {
		return fmt.Errorf("retry entry %d for %s: %w", entryID, subscriber, err)
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("retry entry %d for %s: %w", entryID, subscriber, err)
	}
	return nil
}
