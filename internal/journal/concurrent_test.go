package journal_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestLateCommitIsNotSkipped commits an entry after an entry with a higher id was delivered:
// the case a "last delivered id" cursor gets wrong.
func TestLateCommitIsNotSkipped(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() == store.SQLite {
			t.Skip("SQLite has one writer: a second transaction cannot commit an entry while an earlier one is open, so entries always commit in id order")
		}
		ctx := context.Background()
		mustSeenTable(t, s)
		early, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatalf("begin: %v", err)
		}
		defer early.Rollback()
		earlyID, err := journal.Append(ctx, early, journal.Entry{Topic: "enforce.case.opened", Key: "early"})
		if err != nil {
			t.Fatalf("append early: %v", err)
		}
		lateID := mustAppend(t, s, "enforce.case.opened", "late", nil)
		if lateID <= earlyID {
			t.Fatalf("late id %d not above early id %d", lateID, earlyID)
		}
		d := journal.NewDispatcher(s, journal.Options{})
		d.Subscribe("s", []string{"enforce.*"}, recordSeen("s"))
		mustDrain(t, d)
		wantOnce(t, mustSeen(t, s, "s"), []int64{lateID})
		if err := early.Commit(); err != nil {
			t.Fatalf("commit early: %v", err)
		}
		mustDrain(t, d)
		wantOnce(t, mustSeen(t, s, "s"), []int64{earlyID, lateID})
	})
}

// TestConcurrentDispatchersDeliverOnce runs two dispatchers at once while writers append:
// each entry must be committed as delivered exactly once per subscriber.
func TestConcurrentDispatchersDeliverOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustSeenTable(t, s)
		other := secondPool(t, s)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var handled [2]atomic.Int64
		for i, st := range []*store.Store{s, other} {
			d := journal.NewDispatcher(st, journal.Options{Interval: time.Millisecond, Batch: 7})
			for _, name := range []string{"a", "b"} {
				d.Subscribe(name, []string{"*"}, counted(&handled[i], recordSeen(name)))
			}
			wg.Go(func() { d.Run(ctx) })
		}
		ids := appendConcurrently(t, s, 4, 30)
		waitSeen(t, s, len(ids), "a", "b")
		cancel()
		wg.Wait()
		t.Logf("deliveries by dispatcher: %d and %d", handled[0].Load(), handled[1].Load())
		for _, name := range []string{"a", "b"} {
			wantOnce(t, mustSeen(t, s, name), ids)
		}
	})
}

// secondPool is the connection pool of the second dispatcher: on PostgreSQL its own, as a
// second process would have; on SQLite the same one, since one process owns the file and its
// single writer (a second pool would only exercise SQLite's busy waiting).
func secondPool(tb testing.TB, s *store.Store) *store.Store {
	tb.Helper()
	if s.Dialect() == store.SQLite {
		return s
	}
	other, err := store.Open(context.Background(), s.DSN())
	if err != nil {
		tb.Fatalf("open second pool: %v", err)
	}
	tb.Cleanup(func() { other.Close() })
	return other
}

// counted counts the calls of h and slows it a little, to widen the window for a race.
func counted(n *atomic.Int64, h journal.Handler) journal.Handler {
	return func(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
		n.Add(1)
		time.Sleep(100 * time.Microsecond)
		return h(ctx, tx, e)
	}
}

// appendConcurrently commits writers×each entries from concurrent writers.
func appendConcurrently(tb testing.TB, s *store.Store, writers, each int) []int64 {
	ctx := context.Background()
	var mu sync.Mutex
	var ids []int64
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for range each {
				var id int64
				err := s.Tx(ctx, func(tx *sql.Tx) (err error) {
					id, err = journal.Append(ctx, tx, journal.Entry{Topic: "risk.score.changed"})
					return err
				})
				if err != nil {
					tb.Errorf("append: %v", err) // not Fatal: this is not the test goroutine
					return
				}
				mu.Lock()
				ids = append(ids, id)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return ids
}

// waitSeen waits until each subscriber has n committed deliveries.
func waitSeen(tb testing.TB, s *store.Store, n int, names ...string) {
	tb.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for _, name := range names {
		for len(mustSeen(tb, s, name)) < n {
			if time.Now().After(deadline) {
				tb.Fatalf("%s: %d of %d entries delivered before the deadline", name, len(mustSeen(tb, s, name)), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
