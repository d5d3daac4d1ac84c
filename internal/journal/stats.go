package journal

import (
	"context"
	"fmt"
)

// Stat counts the backlog of one subscriber, for /metrics and the admin pages.
type Stat struct {
	Subscriber string
	Pending    int // entries not yet delivered, retries included
	Failed     int // entries parked after MaxAttempts
}

// Stats reports the backlog of every subscriber, in the order they subscribed.
func (d *Dispatcher) Stats(ctx context.Context) ([]Stat, error) {
	var out []Stat
	for _, s := range d.subscribers() {
		st, err := d.stat(ctx, s)
		if err != nil {
			return nil, fmt.Errorf("journal stats %s: %w", s.name, err)
		}
		out = append(out, st)
	}
	return out, nil
}

func (d *Dispatcher) stat(ctx context.Context, s *subscriber) (Stat, error) {
	db := d.store.ReadDB()
	st := Stat{Subscriber: s.name}
	mark, err := d.readMark(ctx, s.name)
	if err != nil {
		return st, err
	}
	if err := db.QueryRowContext(ctx, s.freshSQL, s.args(mark)...).Scan(&st.Pending); err != nil {
		return st, err
	}
	var retries int
	err = db.QueryRowContext(ctx, `SELECT
		coalesce(sum(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0)
		FROM journal_deliveries WHERE subscriber = $1`, s.name).Scan(&retries, &st.Failed)
	st.Pending += retries
	return st, err
}
