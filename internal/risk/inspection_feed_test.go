package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// signed is the payload of an "inspect.signed" entry as internal/inspect writes it.
type signed struct {
	UUID            string   `json:"uuid"`
	BusinessID      int64    `json:"business_id"`
	Date            string   `json:"date"`
	Outcome         string   `json:"outcome"`
	Kind            string   `json:"kind"`
	KeyFailures     []string `json:"key_failures"`
	GeneralFailures []string `json:"general_failures"`
	Corrects        string   `json:"corrects,omitempty"`
}

// mustAppendSigned commits the entries in one transaction, as signing does.
func mustAppendSigned(tb testing.TB, st *store.Store, facts ...signed) {
	tb.Helper()
	entries := make([]journal.Entry, len(facts))
	for i, f := range facts {
		entries[i] = journal.Entry{Topic: topicInspectionSigned, Key: f.UUID, Payload: f}
	}
	mustAppend(tb, st, entries...)
}

// TestSignedInspectionsFeedTheRecord: signed inspections from the journal become the
// inspection events that grade a business and count in its plan, once each however often
// they are delivered, a correction replacing what it corrects in either order, and a
// flying inspection not counting as a full-checklist one.
func TestSignedInspectionsFeedTheRecord(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		id, _ := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		daily := signed{UUID: "u-daily", BusinessID: id, Date: "2026-03-02", Outcome: "basically_compliant", Kind: "daily",
			KeyFailures: []string{}, GeneralFailures: []string{"3.1", "4.2"}}
		flying := signed{UUID: "u-flying", BusinessID: id, Date: "2026-04-01", Outcome: "non_compliant", Kind: "flying", KeyFailures: []string{"2.1"}}
		fix := signed{UUID: "u-fix", BusinessID: id, Date: "2026-04-03", Outcome: "compliant", Kind: "flying", Corrects: "u-flying"}
		// The correction of u-late is committed before u-late itself: u-late must never count.
		lateFix := signed{UUID: "u-late-fix", BusinessID: id, Date: "2026-05-06", Outcome: "non_compliant", Kind: "systems", Corrects: "u-late"}
		late := signed{UUID: "u-late", BusinessID: id, Date: "2026-05-05", Outcome: "compliant", Kind: "systems"}
		bad := signed{UUID: "u-bad", BusinessID: id, Date: "2026-05-07", Outcome: "excellent", Kind: "daily"}
		mustAppendSigned(t, st, daily, flying)
		mustAppendSigned(t, st, daily, fix, lateFix) // daily again: a repeated delivery
		mustAppendSigned(t, st, late, bad)
		n, err := d.DrainOnce(ctx)
		if err != nil || n != 6 {
			t.Fatalf("delivered %d, %v; want 6 of 7 (the unknown outcome fails)", n, err)
		}
		if n, err := d.DrainOnce(ctx); err != nil || n != 0 {
			t.Fatalf("a second pass delivered %d, %v", n, err)
		}

		ev, err := c.svc.Events(ctx, id)
		want := []Event{
			{Kind: EventInspection, On: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Result: ResultBasic, FullChecklist: true},
			{Kind: EventInspection, On: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC), Result: ResultCompliant},
			{Kind: EventInspection, On: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC), Result: ResultNonCompliant, FullChecklist: true},
		}
		if err != nil || len(ev) != len(want) {
			t.Fatalf("events %+v, %v; want %+v", ev, err, want)
		}
		for i := range want {
			if !ev[i].On.Equal(want[i].On) || ev[i].Result != want[i].Result || ev[i].FullChecklist != want[i].FullChecklist {
				t.Errorf("event %d: %+v, want %+v", i, ev[i], want[i])
			}
		}

		at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		r, err := c.svc.Preview(ctx, id, at, false)
		if err != nil {
			t.Fatal(err)
		}
		dynamic := map[string]float64{}
		for _, l := range r.Lines {
			if l.Part == PartDynamic {
				dynamic[l.Factor] = l.Value
			}
		}
		if dynamic["inspection_basic"] != 1 || dynamic["inspection_noncompliant"] != 1 || len(dynamic) != 2 {
			t.Errorf("dynamic lines %v, want one basic and one non-compliant inspection", dynamic)
		}
		if _, err := c.svc.GradeBusiness(ctx, id, at, false); err != nil {
			t.Fatal(err)
		}
		p, err := c.svc.PlanFor(ctx, PlanQuery{UnitID: c.station, Year: 2026, Now: at, Covers: func(string) bool { return true }})
		if err != nil || len(p.Businesses) != 1 {
			t.Fatalf("plan: %+v, %v", p, err)
		}
		if row := p.Businesses[0]; row.Done != 3 || !row.FullDone {
			t.Errorf("plan row: done %d, full checklist done %v; want 3 and true", row.Done, row.FullDone)
		}
	})
}
