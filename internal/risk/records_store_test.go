package risk

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustRecord returns the packed record of a business, unpacked; nil when it has none.
func mustRecord(tb testing.TB, st *store.Store, id int64) []Event {
	tb.Helper()
	var packed []byte
	err := st.DB().QueryRowContext(context.Background(), `SELECT events FROM risk_records WHERE business_id = $1`, id).Scan(&packed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		tb.Fatal(err)
	}
	events, err := unpack(packed, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return events
}

// assertRecordsAreEvents checks that the packed record of each business is its events.
func assertRecordsAreEvents(t *testing.T, c *testCity, step string, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		events, err := c.svc.Events(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustRecord(t, c.st, id); !reflect.DeepEqual(got, events) {
			t.Errorf("%s: business %d has the record %+v, its events are %+v", step, id, got, events)
		}
	}
}

// TestRecordsFollowTheEvents: however the events of a business change (an import, a signed
// inspection, a correction that removes one, demo seeding), its packed record is its
// events, in the same transaction; a business without events has none.
func TestRecordsFollowTheEvents(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, uscc := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		other, otherUSCC := c.mustBusiness(t, "catering", "restaurant", 120, 0)
		quiet, _ := c.mustBusiness(t, "sales", "grocery", 40, 50)
		history := "uscc,kind,date,until,result,full_checklist\n" + uscc + ",inspection,2024-03-01,,basic,1\n" +
			uscc + ",serious_dishonesty,2023-05-01,2026-05-01,,\n" + otherUSCC + ",complaint,2024-01-02,,,\n"
		if _, err := c.svc.ImportHistory(ctx, "h.csv", []byte(history), nil); err != nil {
			t.Fatal(err)
		}
		assertRecordsAreEvents(t, c, "import", shop, other, quiet)
		if mustRecord(t, st, quiet) != nil || len(mustRecord(t, st, shop)) != 2 {
			t.Fatalf("records after the import: %+v, %+v", mustRecord(t, st, quiet), mustRecord(t, st, shop))
		}

		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		deliver := func(in signed) { // signed, and fed to the grading
			t.Helper()
			mustAppendSigned(t, st, in)
			if _, err := d.DrainOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		deliver(signed{UUID: "u-1", BusinessID: other, Date: "2024-05-06", Outcome: "compliant", Kind: "daily"})
		assertRecordsAreEvents(t, c, "a signed inspection", other)
		deliver(signed{UUID: "u-2", BusinessID: other, Date: "2024-05-07", Outcome: "non_compliant",
			Kind: "daily", Corrects: "u-1"})
		assertRecordsAreEvents(t, c, "a correction", other)
		if got := mustRecord(t, st, other); len(got) != 2 || got[1].Result != ResultNonCompliant {
			t.Errorf("after the correction: %+v", got)
		}

		// An inspection recorded against the wrong business, corrected to the right one: the
		// first is left without events, and without a record.
		wrong, _ := c.mustBusiness(t, "sales", "grocery", 60, 20)
		deliver(signed{UUID: "u-3", BusinessID: wrong, Date: "2024-06-01", Outcome: "compliant", Kind: "daily"})
		assertRecordsAreEvents(t, c, "an inspection of the wrong business", wrong)
		deliver(signed{UUID: "u-4", BusinessID: quiet, Date: "2024-06-01", Outcome: "compliant",
			Kind: "daily", Corrects: "u-3"})
		assertRecordsAreEvents(t, c, "a correction to another business", wrong, quiet)
		if got := mustRecord(t, st, wrong); got != nil {
			t.Errorf("the business corrected away keeps the record %+v, want none", got)
		}
		if got := mustRecord(t, st, quiet); len(got) != 1 {
			t.Errorf("the business corrected to has the record %+v, want the one inspection", got)
		}

		if _, err := c.svc.SeedDemo(ctx, 3, gradingDay, nil); err != nil {
			t.Fatal(err)
		}
		assertRecordsAreEvents(t, c, "demo seeding", shop, other, quiet)
	})
}

// TestRecordsFollowOverlappingWrites: on PostgreSQL, where two transactions write events
// of one business at once, an import that writes while another transaction has written
// and not yet committed waits for it and then packs both transactions' events, rather than
// keeping a record without the other's or failing on the record's key.
func TestRecordsFollowOverlappingWrites(t *testing.T) {
	st := storetest.Open(t, store.Postgres)
	c, ctx := mustCity(t, st), context.Background()
	shop, uscc := c.mustBusiness(t, "sales", "supermarket", 300, 800)
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	first := BusinessEvent{BusinessID: shop, Event: Event{Kind: EventComplaint, On: daysAgo(30)}}
	if err := insertEvents(ctx, tx, st.Dialect(), []BusinessEvent{first}, "first"); err != nil {
		t.Fatal(err)
	}
	var xid string
	if err := tx.QueryRowContext(ctx, `SELECT pg_current_xact_id()::text`).Scan(&xid); err != nil {
		t.Fatal(err)
	}
	imported := make(chan error, 1)
	go func() {
		history := "uscc,kind,date,until,result,full_checklist\n" + uscc + ",inspection,2024-03-01,,basic,1\n"
		_, err := c.svc.ImportHistory(ctx, "h.csv", []byte(history), nil)
		imported <- err
	}()
	for waitersOn(t, st, xid) == 0 {
		select {
		case err := <-imported:
			t.Fatalf("the import did not wait for the open transaction: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-imported; err != nil {
		t.Fatalf("import beside an open transaction: %v", err)
	}
	assertRecordsAreEvents(t, c, "overlapping writes", shop)
	if got := mustRecord(t, st, shop); len(got) != 2 {
		t.Errorf("record of %d events after two writes, want 2: %+v", len(got), got)
	}
}

// waitersOn counts the transactions waiting for the transaction xid to end.
func waitersOn(t *testing.T, st *store.Store, xid string) int {
	t.Helper()
	var n int
	err := st.ReadDB().QueryRowContext(context.Background(), `SELECT count(*) FROM pg_locks
		WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = $1`, xid).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPackAllRecordsPacksEveryRecord: the step of migration 0032 packs the events stored
// before it, a page of businesses at a time.
func TestPackAllRecordsPacksEveryRecord(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		mustBenchBusinesses(t, c, 8)
		var first int64
		if err := st.DB().QueryRowContext(ctx, `SELECT MIN(id) FROM businesses`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		ids := []int64{first, first + 1, first + 4, first + 6, first + 7} // three pages of two
		now := time.Now().UTC()
		for i, id := range ids { // as stored before migration 0032, without a record
			_, err := st.DB().ExecContext(ctx, `INSERT INTO risk_events (business_id, kind, occurred_at, until_at, result,
				full_checklist, ref, source, created_at) VALUES ($1, 'inspection', $2, NULL, 'basic', 1, '', 'old', $3),
				($1, 'abnormal_operation', $4, $2, '', 0, 'x', 'old', $3)`, id, daysAgo(i), now, daysAgo(400+i))
			if err != nil {
				t.Fatal(err)
			}
		}
		err := st.Tx(ctx, func(tx *sql.Tx) error { return packRecordsByPage(ctx, tx, st.Dialect(), 2) })
		if err != nil {
			t.Fatal(err)
		}
		assertRecordsAreEvents(t, c, "packed", append(ids, first+2, first+5)...)
		var records int
		if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM risk_records`).Scan(&records); err != nil || records != len(ids) {
			t.Errorf("%d records, %v; want %d", records, err, len(ids))
		}
	})
}
