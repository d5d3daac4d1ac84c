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

// TestAppendManyDeliversEveryEntry appends more entries than one batch statement holds and
// checks that each is delivered once with its payload.
func TestAppendManyDeliversEveryEntry(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mustSeenTable(t, s)
		n := store.BatchSize + 7
		entries := make([]journal.Entry, n)
		for i := range entries {
			entries[i] = journal.Entry{Topic: "test.bulk", Key: fmt.Sprint(i), Payload: map[string]int{"i": i}}
		}
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			return journal.AppendMany(ctx, store.NewBatches(tx, s.Dialect()), entries)
		})
		if err != nil {
			t.Fatal(err)
		}
		d := journal.NewDispatcher(s, journal.Options{})
		d.Subscribe("bulk", []string{"test.*"}, recordSeen("bulk"))
		if _, err := d.DrainOnce(ctx); err != nil {
			t.Fatal(err)
		}
		seen := mustSeen(t, s, "bulk")
		if len(seen) != n {
			t.Fatalf("delivered %d entries, want %d", len(seen), n)
		}
		for id, times := range seen {
			if times != 1 {
				t.Fatalf("entry %d delivered %d times", id, times)
			}
		}
		bad := []journal.Entry{{Topic: "test.ok"}, {Topic: ""}}
		err = s.Tx(ctx, func(tx *sql.Tx) error { return journal.AppendMany(ctx, store.NewBatches(tx, s.Dialect()), bad) })
		if err == nil {
			t.Fatal("an entry without a topic was accepted")
		}
	})
}
