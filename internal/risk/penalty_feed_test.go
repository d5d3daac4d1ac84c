package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// penaltyDecided is an "enforce.penalty.decided" entry as internal/enforce writes it
// (enforce.PenaltyDecided).
func penaltyDecided(business int64, doc, day string) journal.Entry {
	return journal.Entry{Topic: topicPenaltyDecided, Key: "9", Payload: map[string]any{"case_id": 9, "business_id": business,
		"district_id": 1, "station_id": 2, "decided_on": day, "document_number": doc, "violation": "经营超过保质期的食品",
		"offence": "fsl_124_1_2", "goods_value_yuan": 2000, "measures": []string{"fine"}, "fine_yuan": 50000,
		"confiscated_yuan": 0, "ban_months": 0, "severe": true}}
}

// creditRecordChanged is a "credit.record.changed" entry as internal/credit writes it
// (credit.RecordChanged).
func creditRecordChanged(business int64, kind, doc, day, until, revoked string) journal.Entry {
	return journal.Entry{Topic: topicCreditRecord, Key: doc, Payload: map[string]any{"record_id": 1, "business_id": business,
		"kind": kind, "document_number": doc, "decided_on": day, "listed_until": until, "revoked_on": revoked}}
}

// TestDecidedPenaltiesFeedTheRecord: a penalty decided in a case becomes one penalty event
// however often it is delivered and whoever tells it (the case, the credit file), and
// after regrading the business carries its point line and the raise it triggers, each
// citing its rule; revoked, it leaves the record for good, and the grade returns.
func TestDecidedPenaltiesFeedTheRecord(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := mustCity(t, st)
		shop, _ := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		at, doc := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), "临市监罚〔2026〕9号"
		before := c.mustRegrade(t, shop, at, false)

		decided := penaltyDecided(shop, doc, "2026-05-20")
		mustAppend(t, st, decided)
		mustAppend(t, st, decided, creditRecordChanged(shop, "penalty", doc, "2026-05-20", "", ""))
		if n := mustDrain(t, d); n != 3 {
			t.Fatalf("delivered %d, want 3", n)
		}
		mustHaveEvents(t, c, shop, Event{Kind: EventPenalty, On: decidedOn("2026-05-20")})
		after := c.mustRegrade(t, shop, at, false)
		s := schemeAt(t, Scheme2016, at)
		line, raise := lineOf(after, PartDynamic, "penalty"), adjustmentOf(after, EventPenalty)
		switch {
		case line == nil || line.Value != 1 || line.Points != s.Dynamic["penalty"].Value || line.Source == nil || line.Key != "risk.dynamic.penalty":
			t.Errorf("penalty line %+v, want one penalty of %v points citing risk.dynamic.penalty", line, s.Dynamic["penalty"].Value)
		case raise == nil || !raise.Applied || raise.Steps != int(s.Raise[EventPenalty].Value) || raise.Source == nil || raise.Key != "risk.adjust.raise.penalty":
			t.Errorf("penalty raise %+v, want applied citing risk.adjust.raise.penalty", raise)
		case after.Total != before.Total+line.Points || after.Grade != after.Scored.shift(raise.Steps) || after.Grade == before.Grade:
			t.Errorf("grade %s (%v points) after the penalty, %s (%v) before", after.Grade, after.Total, before.Grade, before.Total)
		}

		bad := penaltyDecided(shop, "临市监罚〔2026〕10号", "")
		mustAppend(t, st, creditRecordChanged(shop, "penalty", doc, "2026-05-20", "", "2026-05-28"), bad)
		if n := mustDrain(t, d); n != 1 {
			t.Fatalf("delivered %d, want 1 of 2 (a decision without its day fails)", n)
		}
		mustAppend(t, st, decided) // delivered once more after its revocation
		if n := mustDrain(t, d); n != 1 {
			t.Fatalf("delivered %d, want 1", n)
		}
		mustHaveEvents(t, c, shop)
		revoked := c.mustRegrade(t, shop, at, false)
		if lineOf(revoked, PartDynamic, "penalty") != nil || adjustmentOf(revoked, EventPenalty) != nil || revoked.Grade != before.Grade {
			t.Errorf("after the revocation: grade %s, lines %+v, adjustments %+v; want grade %s as before", revoked.Grade,
				revoked.Lines, revoked.Adjustments, before.Grade)
		}
	})
}

// mustHaveEvents checks the record of business id: its events' kinds, days and ends.
func mustHaveEvents(tb testing.TB, c *testCity, id int64, want ...Event) {
	tb.Helper()
	got, err := c.svc.Events(context.Background(), id)
	if err != nil || len(got) != len(want) {
		tb.Fatalf("events %+v, %v; want %+v", got, err, want)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.Kind || !g.On.Equal(w.On) || (g.Until == nil) != (w.Until == nil) || g.Until != nil && !g.Until.Equal(*w.Until) {
			tb.Errorf("event %d: %+v, want %+v", i, g, w)
		}
	}
}
