package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// deliverDue tries each due pending entry of s once, in id order, and reports how many it
// delivered.
func (d *Dispatcher) deliverDue(ctx context.Context, s *subscriber) (int, error) {
	var after int64
	delivered := 0
	for {
		id, ok, err := d.deliverOne(ctx, s, after)
		if err != nil || id == 0 {
			return delivered, err
		}
		if ok {
			delivered++
		}
		after = id
	}
}

// deliverOne claims the first due pending entry of s after the given id and runs the handler
// on it, recording the outcome in the same transaction. It returns the entry id (0 when none
// is due) and whether the handler succeeded.
func (d *Dispatcher) deliverOne(ctx context.Context, s *subscriber, after int64) (id int64, ok bool, err error) {
	err = d.store.Tx(ctx, func(tx *sql.Tx) error {
		e, attempts, err := d.claim(ctx, tx, s.name, after)
		if err != nil || e.ID == 0 {
			return err
		}
		id = e.ID
		herr, err := handle(ctx, tx, s.handle, e)
		if err != nil {
			return err
		}
		if ok = herr == nil; ok {
			return d.record(ctx, tx, s.name, e.ID, attempts+1, "delivered", "", now())
		}
		return d.fail(ctx, tx, s.name, e, attempts+1, herr)
	})
	return id, ok, err
}

// handle runs h under a savepoint and undoes its writes when it fails; herr is the handler's
// failure, err a reason to abandon the whole transaction (shutdown, database trouble).
func handle(ctx context.Context, tx *sql.Tx, h Handler, e Entry) (herr, err error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT journal_handler`); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	if herr = call(ctx, tx, h, e); herr == nil {
		return nil, nil
	}
	if ctx.Err() != nil {
		return herr, ctx.Err() // shutting down is not the handler's failure
	}
	if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT journal_handler`); err != nil {
		return herr, fmt.Errorf("undo handler: %w", errors.Join(herr, err))
	}
	return herr, nil
}

// claim locks the first due pending delivery of subscriber after the given entry id; a zero
// Entry means none is due.
func (d *Dispatcher) claim(ctx context.Context, tx *sql.Tx, subscriber string, after int64) (Entry, int, error) {
	var attempts int
	row := tx.QueryRowContext(ctx, `SELECT `+entryColumns+`, d.attempts
		FROM journal_deliveries d JOIN journal_entries e ON e.id = d.entry_id
		WHERE d.subscriber = $1 AND d.status = 'pending' AND d.next_attempt_at <= $2 AND d.entry_id > $3
		ORDER BY d.entry_id LIMIT 1`+lockClause(d.store.Dialect(), "d"), subscriber, now(), after)
	e, err := scanEntry(row, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, 0, nil
	}
	if err != nil {
		return Entry{}, 0, fmt.Errorf("claim: %w", err)
	}
	return e, attempts, nil
}

// call runs h, turning a panic into an error so that one bad entry cannot stop the dispatcher.
func call(ctx context.Context, tx *sql.Tx, h Handler, e Entry) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panic: %v", p)
		}
	}()
	return h(ctx, tx, e)
}

// fail records a handler error: the entry stays pending until its next attempt time, or is
// parked as failed once it has used MaxAttempts.
func (d *Dispatcher) fail(ctx context.Context, tx *sql.Tx, subscriber string, e Entry, attempts int, herr error) error {
	log := d.opts.Logger.With("subscriber", subscriber, "entry", e.ID, "topic", e.Topic, "attempts", attempts, "err", herr)
	if attempts >= d.opts.MaxAttempts {
		log.Error("journal entry parked as failed")
		return d.record(ctx, tx, subscriber, e.ID, attempts, "failed", herr.Error(), now())
	}
	next := now().Add(d.opts.backoff(attempts))
	log.Warn("journal handler failed, will retry", "next", next)
	return d.record(ctx, tx, subscriber, e.ID, attempts, "pending", herr.Error(), next)
}

// record stores the outcome of an attempt on a delivery row.
func (d *Dispatcher) record(ctx context.Context, tx *sql.Tx, subscriber string, id int64, attempts int, status, lastErr string, next time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE journal_deliveries SET status = $3, attempts = $4,
		last_error = $5, next_attempt_at = $6, updated_at = $7 WHERE subscriber = $1 AND entry_id = $2`,
		subscriber, id, status, attempts, lastErr, next, now())
	if err != nil {
		return fmt.Errorf("record %s: %w", status, err)
	}
	return nil
}

// backoff is the delay before the retry that follows the given number of failed attempts:
// Backoff, doubled per further attempt, at most MaxBackoff.
func (o Options) backoff(attempts int) time.Duration {
	wait := o.Backoff
	for i := 1; i < attempts && wait < o.MaxBackoff; i++ {
		wait *= 2
	}
	return min(wait, o.MaxBackoff)
}
