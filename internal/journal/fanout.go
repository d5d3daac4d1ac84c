package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// fanOutAll turns every new entry matching s into a pending delivery row. A read first asks
// whether there is any, so that an idle poll writes nothing.
func (d *Dispatcher) fanOutAll(ctx context.Context, s *subscriber) error {
	if news, err := d.anyNew(ctx, s); err != nil || !news {
		return err
	}
	for {
		n, err := d.fanOut(ctx, s)
		if err != nil || n < d.opts.Batch {
			return err
		}
	}
}

// anyNew reports whether s has matching entries at or above its mark without a row.
func (d *Dispatcher) anyNew(ctx context.Context, s *subscriber) (bool, error) {
	mark, err := d.readMark(ctx, s.name)
	if err != nil {
		return false, err
	}
	var one int
	err = d.store.ReadDB().QueryRowContext(ctx, s.anyNewSQL, s.args(mark)...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look for new entries: %w", err)
	}
	return true, nil
}

// readMark reads the committed mark of a subscriber, 0 before its first fan-out.
func (d *Dispatcher) readMark(ctx context.Context, name string) (int64, error) {
	var mark int64
	err := d.store.ReadDB().QueryRowContext(ctx, `SELECT coalesce(max(mark), 0) FROM journal_cursors
		WHERE subscriber = $1`, name).Scan(&mark)
	if err != nil {
		return 0, fmt.Errorf("read mark: %w", err)
	}
	return mark, nil
}

// fanOut adds up to Batch pending rows for s and advances its mark, in one transaction that
// holds s's cursor; it adds none when another dispatcher holds the cursor.
func (d *Dispatcher) fanOut(ctx context.Context, s *subscriber) (int, error) {
	var added int64
	err := d.store.Tx(ctx, func(tx *sql.Tx) error {
		mark, ok, err := d.lockCursor(ctx, tx, s.name)
		if err != nil || !ok {
			return err
		}
		h, err := horizon(ctx, tx, d.store.Dialect())
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.fanOutSQL, s.args(mark, now(), d.opts.Batch)...)
		if err != nil {
			return fmt.Errorf("add pending: %w", err)
		}
		if added, err = res.RowsAffected(); err != nil {
			return err
		}
		return d.advance(ctx, tx, s, mark, h)
	})
	return int(added), err
}

// lockCursor reads s's mark, creating the cursor at 0 for a new subscriber; ok is false when
// another dispatcher holds it.
func (d *Dispatcher) lockCursor(ctx context.Context, tx *sql.Tx, name string) (mark int64, ok bool, err error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO journal_cursors (subscriber, mark, updated_at)
		VALUES ($1, 0, $2) ON CONFLICT (subscriber) DO NOTHING`, name, now()); err != nil {
		return 0, false, fmt.Errorf("create cursor: %w", err)
	}
	err = tx.QueryRowContext(ctx, `SELECT c.mark FROM journal_cursors c WHERE c.subscriber = $1`+
		lockClause(d.store.Dialect(), "c"), name).Scan(&mark)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("lock cursor: %w", err)
	}
	return mark, true, nil
}

// advance moves s's mark to min(horizon h, lowest txid of a matching entry still without a
// row) and prunes the delivered rows that fall below it.
func (d *Dispatcher) advance(ctx context.Context, tx *sql.Tx, s *subscriber, mark, h int64) error {
	var undone sql.NullInt64
	if err := tx.QueryRowContext(ctx, s.undoneSQL, s.args(mark)...).Scan(&undone); err != nil {
		return fmt.Errorf("find undone: %w", err)
	}
	next := h
	if undone.Valid {
		next = min(next, undone.Int64)
	}
	if next <= mark {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE journal_cursors SET mark = $2, updated_at = $3
		WHERE subscriber = $1`, s.name, next, now()); err != nil {
		return fmt.Errorf("move mark: %w", err)
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM journal_deliveries
		WHERE subscriber = $1 AND status = 'delivered' AND EXISTS (SELECT 1 FROM journal_entries e
			WHERE e.id = journal_deliveries.entry_id AND e.txid < $2)`, s.name, next)
	if err != nil {
		return fmt.Errorf("prune delivered: %w", err)
	}
	return nil
}
