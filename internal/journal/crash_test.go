package journal_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCrashThenReopen appends entries, lets a first process deliver some and die (its store
// closed, the handler it was in rolled back), then reopens the database in a second process:
// every entry must reach the idempotent subscriber exactly once.
func TestCrashThenReopen(t *testing.T) {
	cases := []struct {
		name        string
		crashOnCall int // the first process dies in this handler call; 0: it never dispatches
	}{
		{"crash between commit and dispatch", 0},
		{"crash in the first handler", 1},
		{"crash in the middle of the backlog", 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
				mustSeenTable(t, s)
				var ids []int64
				for i := range 10 {
					ids = append(ids, mustAppend(t, s, "trace.lot.received", fmt.Sprint(i), map[string]int{"n": i}))
				}
				if c.crashOnCall > 0 {
					dispatchUntilCrash(t, s, c.crashOnCall)
				}
				s.Close()
				again, err := store.Open(context.Background(), s.DSN())
				if err != nil {
					t.Fatalf("reopen: %v", err)
				}
				t.Cleanup(func() { again.Close() })
				d := journal.NewDispatcher(again, journal.Options{Batch: 4})
				d.Subscribe("s", []string{"trace.*"}, recordSeen("s"))
				mustDrain(t, d)
				wantOnce(t, mustSeen(t, again, "s"), ids)
			})
		})
	}
}

// dispatchUntilCrash delivers entries until handler call n, which cancels the context as a
// dying process would: that delivery's transaction never commits.
func dispatchUntilCrash(tb testing.TB, s *store.Store, n int) {
	tb.Helper()
	ctx, crash := context.WithCancel(context.Background())
	defer crash()
	calls := 0
	d := journal.NewDispatcher(s, journal.Options{Batch: 4})
	d.Subscribe("s", []string{"trace.*"}, func(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
		if err := recordSeen("s")(ctx, tx, e); err != nil {
			return err
		}
		if calls++; calls == n {
			crash()
			return ctx.Err()
		}
		return nil
	})
	if _, err := d.DrainOnce(ctx); err == nil {
		tb.Fatalf("drain did not crash at call %d", n)
	}
	if seen := len(mustSeen(tb, s, "s")); seen != n-1 {
		tb.Fatalf("before the crash %d deliveries committed, want %d", seen, n-1)
	}
}
