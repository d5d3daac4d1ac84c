package enforce

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestEscalateOnTicks: the job escalates at start as of the service's day and at each tick
// as of the tick's day; it returns when its ticks end, so the test reads the database
// without sleeping.
func TestEscalateOnTicks(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		later := c.signed("u-2", 2, []string{}, []string{"4.1"})
		later["date"] = "2026-10-10"
		c.setToday(day("2026-10-10").Add(10 * 3600e9))
		c.deliver(t, later)
		c.setToday(day("2026-10-16").Add(12 * 3600e9)) // u-1 (due 15 Oct) is overdue, u-2 not yet
		run := func(ticks ...time.Time) []string {
			ch := make(chan time.Time, len(ticks))
			for _, tick := range ticks {
				ch <- tick
			}
			close(ch)
			c.svc.EscalateOnTicks(context.Background(), ch)
			var got []string
			rows, err := st.DB().QueryContext(context.Background(), `SELECT inspection_uuid FROM rectifications WHERE status = 'escalated' ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var uuid string
				if err := rows.Scan(&uuid); err != nil {
					t.Fatal(err)
				}
				got = append(got, uuid)
			}
			return got
		}
		if got := run(); len(got) != 1 || got[0] != "u-1" {
			t.Fatalf("escalated at start: %v, want u-1", got)
		}
		if got := run(time.Date(2026, 10, 20, 1, 0, 0, 0, calendar.China)); len(got) != 1 {
			t.Errorf("escalated after a tick before u-2's deadline: %v, want only u-1", got)
		}
		if got := run(time.Date(2026, 10, 20, 1, 0, 0, 0, calendar.China), time.Date(2027, 1, 4, 1, 0, 0, 0, calendar.China)); len(got) != 2 {
			t.Errorf("escalated after a tick past u-2's deadline: %v, want u-1 and u-2", got)
		}
	})
}

// TestEscalateOnTicksStopsWithItsContext: a cancelled job returns without waiting for a
// tick.
func TestEscalateOnTicksStopsWithItsContext(t *testing.T) {
	c := newEnforceCity(t, storetest.Open(t, store.SQLite))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		c.svc.EscalateOnTicks(ctx, make(chan time.Time))
		close(done)
	}()
	cancel()
	<-done
}
