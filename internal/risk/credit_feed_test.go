package risk

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCreditListingsFeedTheRecord: listings from the credit file become listing events,
// once however often they are delivered; under the 2022 draft a regraded producer then
// carries the credit line of each running listing and the serious-dishonesty raise, each
// citing its rule. A removal or repair ends a listing, and an older change delivered late
// does not bring it back.
func TestCreditListingsFeedTheRecord(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := mustCity(t, st)
		maker, _ := c.mustBusiness(t, "production", "dairy", 0, 0)
		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		before := c.mustRegrade(t, maker, at, true)

		abnormal := creditRecordChanged(maker, "abnormal_operation", "异常1", "2026-03-02", "", "")
		serious := creditRecordChanged(maker, "serious_dishonesty", "失信1", "2026-04-01", "2029-04-01", "")
		mustAppend(t, st, abnormal, serious)
		mustAppend(t, st, abnormal, serious)
		if n := mustDrain(t, d); n != 4 {
			t.Fatalf("delivered %d, want 4", n)
		}
		term := decidedOn("2029-04-01")
		mustHaveEvents(t, c, maker, Event{Kind: EventAbnormalOperation, On: decidedOn("2026-03-02")},
			Event{Kind: EventSeriousDishonesty, On: decidedOn("2026-04-01"), Until: &term})
		listed := c.mustRegrade(t, maker, at, true)
		s := schemeAt(t, Scheme2022Draft, at)
		credit := 0.0
		for _, k := range []EventKind{EventAbnormalOperation, EventSeriousDishonesty} {
			l := lineOf(listed, PartCredit, string(k))
			if l == nil || l.Value != 1 || l.Points != s.Credit[k].Value || l.Source == nil || l.Key != "risk.credit_2022."+string(k) {
				t.Errorf("%s line %+v, want %v points citing risk.credit_2022.%s", k, l, s.Credit[k].Value, k)
				continue
			}
			credit += l.Points
		}
		raise := adjustmentOf(listed, EventSeriousDishonesty)
		switch {
		case listed.Scheme != Scheme2022Draft || listed.Credit != min(credit, s.CreditMax.Value) || before.Credit != 0:
			t.Errorf("%s credit part %v (before %v), want %v", listed.Scheme, listed.Credit, before.Credit, credit)
		case raise == nil || !raise.Applied || raise.Source == nil || raise.Key != "risk.adjust.raise.serious_dishonesty":
			t.Errorf("serious-dishonesty raise %+v, want applied citing risk.adjust.raise.serious_dishonesty", raise)
		case listed.Grade != listed.Scored.shift(raise.Steps) || listed.Grade == before.Grade:
			t.Errorf("grade %s when listed, %s before", listed.Grade, before.Grade)
		}

		removed := creditRecordChanged(maker, "abnormal_operation", "异常1", "2026-03-02", "2026-05-15", "")
		repaired := creditRecordChanged(maker, "serious_dishonesty", "失信1", "2026-04-01", "2026-05-20", "")
		mustAppend(t, st, removed, repaired)
		mustAppend(t, st, abnormal, serious) // the listings as first told, delivered late
		if n := mustDrain(t, d); n != 4 {
			t.Fatalf("delivered %d, want 4", n)
		}
		removedOn, repairedOn := decidedOn("2026-05-15"), decidedOn("2026-05-20")
		mustHaveEvents(t, c, maker, Event{Kind: EventAbnormalOperation, On: decidedOn("2026-03-02"), Until: &removedOn},
			Event{Kind: EventSeriousDishonesty, On: decidedOn("2026-04-01"), Until: &repairedOn})
		ended := c.mustRegrade(t, maker, at, true)
		if ended.Credit != 0 || lineOf(ended, PartCredit, string(EventAbnormalOperation)) != nil ||
			lineOf(ended, PartCredit, string(EventSeriousDishonesty)) != nil {
			t.Errorf("credit part %v, lines %+v after both listings ended; want none", ended.Credit, ended.Lines)
		}
	})
}
