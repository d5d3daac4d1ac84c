package ticket

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
)

// TestConcurrentTicketsCannotOversell: two tickets of one seller's lot recorded at the same
// time, each within what the seller received but together over it, both pass the checks
// before capture; capture checks them again in turn, so one is stored and the other is
// refused naming the ticket and what is left, with nothing of it stored.
func TestConcurrentTicketsCannotOversell(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.mustRecord(t, system(), w.certificate("HG-001", "B1", 100))
		tickets := []Entry{
			w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 60, "公斤"),
			w.ticket("T2", w.registered(farm), w.registered(kitchen), "B1", 60, "公斤"),
		}
		results := make([]Result, len(tickets))
		errs := make([]error, len(tickets))
		release := holdCaptures(t, st, w.rec.events, len(tickets))
		var wg sync.WaitGroup
		for i := range tickets {
			wg.Go(func() { results[i], errs[i] = w.rec.Record(system(), tickets[i:i+1]) })
		}
		release()
		wg.Wait()
		stored, refused := 0, 0
		for i, res := range results {
			switch {
			case errs[i] != nil:
				t.Fatalf("ticket %d: %v", i, errs[i])
			case len(res.Problems) == 0 && res.Stored == 2:
				stored++
			case len(res.Problems) == 1:
				p := res.Problems[0]
				if p.Field != "quantity" || p.Rule != "ticket_over_quantity" || p.Params["ticket"] != tickets[i].Ticket.Number || p.Params["has"] != "40 kg" {
					t.Errorf("ticket %d refused with %+v, want ticket_over_quantity on quantity with 40 kg left", i, p)
				}
				refused++
			default:
				t.Errorf("ticket %d: %+v", i, res)
			}
		}
		if stored != 1 || refused != 1 {
			t.Fatalf("%d stored and %d refused, want one of each", stored, refused)
		}
		if n := w.count(t, "epcis_events", "1 = 1"); n != 3 {
			t.Errorf("%d events, want the certificate's and one ticket's two", n)
		}
		if n := w.count(t, "epcis_capture_jobs", "state = 'failed'"); n != 1 {
			t.Errorf("%d failed capture jobs, want the one capture refused in its transaction", n)
		}
	})
}

// holdCaptures makes captures wait for their turn to write until the returned release is
// called, and returns once n of them wait: on SQLite by holding the write pool's one
// connection, on PostgreSQL by holding the lock each capture's transaction begins with.
// The capture that writes the next group waits there; the others wait in events' queue.
func holdCaptures(t *testing.T, st *store.Store, events *trace.Store, n int) (release func()) {
	t.Helper()
	ctx := context.Background()
	var waiting func() int
	var done func() error
	if st.Dialect() == store.SQLite {
		before := st.DB().Stats().WaitCount
		conn, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		waiting = func() int { return int(st.DB().Stats().WaitCount - before) }
		done = conn.Close
	} else {
		tx, err := st.DB().BeginTx(ctx, nil)
		if err == nil {
			_, err = tx.ExecContext(ctx, `LOCK TABLE epcis_events IN EXCLUSIVE MODE`)
		}
		if err != nil {
			t.Fatal(err)
		}
		waiting = func() int { return lockWaiters(t, st.ReadDB()) }
		done = tx.Rollback
	}
	return func() {
		for waiting()+events.Waiting() < n {
			time.Sleep(5 * time.Millisecond)
		}
		if err := done(); err != nil {
			t.Fatal(err)
		}
	}
}

// lockWaiters counts the transactions of this database waiting for a lock on epcis_events.
func lockWaiters(t *testing.T, db *sql.DB) int {
	var n int
	err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM pg_locks
		WHERE relation = 'epcis_events'::regclass AND NOT granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
