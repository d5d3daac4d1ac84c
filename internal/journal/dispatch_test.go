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

var errFlaky = errors.New("flaky")

// errPanic makes scripted panic, and errBadSQL run a failing statement (which aborts the
// whole transaction on PostgreSQL), instead of returning.
var errPanic, errBadSQL = errors.New("panic"), errors.New("bad sql")

// scripted writes its seen row, then returns the next outcome of the script (nil = success,
// past its end too); its writes survive only when it succeeds.
func scripted(calls *int, script ...error) journal.Handler {
	return func(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
		if err := recordSeen("s")(ctx, tx, e); err != nil {
			return err
		}
		*calls++
		if *calls > len(script) {
			return nil
		}
		switch script[*calls-1] {
		case errPanic:
			panic("handler bug")
		case errBadSQL:
			_, err := tx.ExecContext(ctx, `INSERT INTO no_such_table VALUES (1)`)
			return err
		}
		return script[*calls-1]
	}
}

func TestDeliveryOutcomes(t *testing.T) {
	fast := journal.Options{Backoff: time.Microsecond, MaxAttempts: 3}
	cases := []struct {
		name      string
		opts      journal.Options
		script    []error
		drains    int
		wantCalls int
		want      journal.Stat
		wantErr   string // last error of a pending or parked delivery
	}{
		{"succeeds", fast, nil, 2, 1, journal.Stat{}, ""},
		{"fails once then succeeds", fast, []error{errFlaky}, 2, 2, journal.Stat{}, ""},
		{"panic counts as a failure", fast, []error{errPanic}, 2, 2, journal.Stat{}, ""},
		{"failed statement is undone", fast, []error{errBadSQL}, 2, 2, journal.Stat{}, ""},
		{"backoff defers the retry", journal.Options{Backoff: time.Hour}, []error{errFlaky}, 3, 1, journal.Stat{Pending: 1}, "flaky"},
		{"parked after max attempts", fast, []error{errFlaky, errFlaky, errFlaky, errFlaky}, 5, 3, journal.Stat{Failed: 1}, "flaky"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
				id := mustAppend(t, s, "inspect.signed", "7", nil)
				mustSeenTable(t, s)
				var calls int
				d := journal.NewDispatcher(s, c.opts)
				d.Subscribe("s", []string{"inspect.*"}, scripted(&calls, c.script...))
				for range c.drains {
					mustDrain(t, d)
				}
				if calls != c.wantCalls {
					t.Errorf("handler called %d times, want %d", calls, c.wantCalls)
				}
				wantStat(t, d, c.want)
				delivered := c.want == journal.Stat{}
				if n := mustSeen(t, s, "s")[id]; (n == 1) != delivered || n > 1 {
					t.Errorf("committed handler writes: %d, delivered %v", n, delivered)
				}
				if got := lastError(t, s, id); got != c.wantErr {
					t.Errorf("last error %q, want %q", got, c.wantErr)
				}
			})
		})
	}
}

// wantStat compares the only subscriber's backlog with want.
func wantStat(tb testing.TB, d *journal.Dispatcher, want journal.Stat) {
	tb.Helper()
	stats, err := d.Stats(context.Background())
	if err != nil {
		tb.Fatalf("stats: %v", err)
	}
	want.Subscriber = stats[0].Subscriber
	if len(stats) != 1 || stats[0] != want {
		tb.Errorf("stats %+v, want %+v", stats, want)
	}
}

// lastError reads the recorded error of entry id for subscriber "s" ("" when delivered).
func lastError(tb testing.TB, s *store.Store, id int64) string {
	tb.Helper()
	var msg string
	err := s.DB().QueryRowContext(context.Background(), `SELECT last_error FROM journal_deliveries
		WHERE subscriber = 's' AND entry_id = $1`, id).Scan(&msg)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		tb.Fatalf("read last error: %v", err)
	}
	return msg
}
