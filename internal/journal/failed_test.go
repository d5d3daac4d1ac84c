package journal_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestFailedIsListedAndRetried(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id := mustAppend(t, s, "sampling.sample.failed", "S-1", map[string]string{"lot": "L9"})
		mustSeenTable(t, s)
		var calls int
		d := journal.NewDispatcher(s, journal.Options{Backoff: time.Microsecond, MaxAttempts: 2})
		d.Subscribe("s", []string{"sampling.*"}, scripted(&calls, errFlaky, errFlaky))
		mustDrain(t, d)
		mustDrain(t, d)
		failed, err := d.Failed(ctx)
		if err != nil {
			t.Fatalf("failed: %v", err)
		}
		if len(failed) != 1 {
			t.Fatalf("failed lists %d entries, want 1", len(failed))
		}
		f := failed[0]
		if f.Subscriber != "s" || f.Entry.ID != id || f.Entry.Key != "S-1" || f.Attempts != 2 || f.LastError != "flaky" || f.FailedAt.IsZero() {
			t.Errorf("failure %+v, want entry %d of s after 2 attempts", f, id)
		}
		if n := mustDrain(t, d); n != 0 || calls != 2 {
			t.Fatalf("parked entry delivered again: %d deliveries, %d calls", n, calls)
		}
		if err := d.Retry(ctx, "s", id); err != nil {
			t.Fatalf("retry: %v", err)
		}
		if n := mustDrain(t, d); n != 1 {
			t.Fatalf("after retry delivered %d, want 1", n)
		}
		if failed, _ := d.Failed(ctx); len(failed) != 0 {
			t.Errorf("still failed after retry: %+v", failed)
		}
		if err := d.Retry(ctx, "s", id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("retry of a delivered entry: got %v, want ErrNotFound", err)
		}
		wantOnce(t, mustSeen(t, s, "s"), []int64{id})
	})
}

func TestRunWakesOnNotifyAndStops(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		got := make(chan int64, 1)
		d := journal.NewDispatcher(s, journal.Options{Interval: time.Hour})
		d.Subscribe("s", []string{"*"}, func(_ context.Context, _ *sql.Tx, e journal.Entry) error {
			got <- e.ID
			return nil
		})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- d.Run(ctx) }()
		time.Sleep(50 * time.Millisecond) // let Run finish its first, empty pass and wait
		id := mustAppend(t, s, "warning.issued", "", nil)
		d.Notify()
		select {
		case gotID := <-got:
			if gotID != id {
				t.Errorf("delivered entry %d, want %d", gotID, id)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Notify did not wake Run")
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not stop on cancel")
		}
	})
}
