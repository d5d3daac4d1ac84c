package journal_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// mustAppend commits one entry in its own transaction and returns its id.
func mustAppend(tb testing.TB, s *store.Store, topic, key string, payload any) int64 {
	tb.Helper()
	var id int64
	err := s.Tx(context.Background(), func(tx *sql.Tx) (err error) {
		id, err = journal.Append(context.Background(), tx, journal.Entry{Topic: topic, Key: key, Payload: payload})
		return err
	})
	if err != nil {
		tb.Fatalf("append %s: %v", topic, err)
	}
	return id
}

// mustSeenTable creates the table the recording handlers write to.
func mustSeenTable(tb testing.TB, s *store.Store) {
	tb.Helper()
	_, err := s.DB().ExecContext(context.Background(),
		`CREATE TABLE journal_test_seen (subscriber TEXT NOT NULL, entry_id BIGINT NOT NULL)`)
	if err != nil {
		tb.Fatalf("create seen table: %v", err)
	}
}

// recordSeen is an idempotent-by-test subscriber: it writes one row per delivery in the
// delivery transaction, so committed rows count committed deliveries.
func recordSeen(name string) journal.Handler {
	return func(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO journal_test_seen (subscriber, entry_id) VALUES ($1, $2)`, name, e.ID)
		return err
	}
}

// mustSeen counts the committed deliveries of each entry to subscriber name.
func mustSeen(tb testing.TB, s *store.Store, name string) map[int64]int {
	tb.Helper()
	rows, err := s.DB().QueryContext(context.Background(),
		`SELECT entry_id, count(*) FROM journal_test_seen WHERE subscriber = $1 GROUP BY entry_id`, name)
	if err != nil {
		tb.Fatalf("read seen: %v", err)
	}
	defer rows.Close()
	seen := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			tb.Fatalf("scan seen: %v", err)
		}
		seen[id] = n
	}
	return seen
}

// wantOnce fails unless every id was delivered exactly once and nothing else was.
func wantOnce(tb testing.TB, seen map[int64]int, ids []int64) {
	tb.Helper()
	if len(seen) != len(ids) {
		tb.Errorf("delivered %d entries, want %d: %v", len(seen), len(ids), seen)
	}
	for _, id := range ids {
		if seen[id] != 1 {
			tb.Errorf("entry %d delivered %d times, want 1", id, seen[id])
		}
	}
}

// mustDrain runs one pass of d and returns how many deliveries succeeded.
func mustDrain(tb testing.TB, d *journal.Dispatcher) int {
	tb.Helper()
	n, err := d.DrainOnce(context.Background())
	if err != nil {
		tb.Fatalf("drain: %v", err)
	}
	return n
}
