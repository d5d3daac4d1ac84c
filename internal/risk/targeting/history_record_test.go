package targeting

import (
	"fmt"
	"math"
	"testing"
)

// TestHistoryReadsTheRecordFromItsDay: an inspection of the record counts in the rates like a
// training row, from its own day on, and never moves the overall shares the rates start from;
// one the training table holds already counts once.
func TestHistoryReadsTheRecordFromItsDay(t *testing.T) {
	train := []Inspection{visit("B", 0, false), visit("C", 0, true)}
	train[0].ID, train[1].ID = "b0", "c0"
	recorded := func(id, licence string, d int, critical bool) Inspection {
		in := visit(licence, d, critical)
		in.ID = id
		return in
	}
	const prior = 0.5 // the training table's: one critical in two
	rate := func(found, total float64) float64 {
		return (found + historyPriorWeight*prior) / (total + historyPriorWeight)
	}
	scored := visit("A", 10, false)
	for _, c := range []struct {
		name   string
		record []Inspection
		want   float64 // the zip code's critical rate for scored
	}{
		{"no record", nil, rate(1, 2)},
		{"a finding before the day counts", []Inspection{recorded("d5", "D", 5, true)}, rate(2, 3)},
		{"a finding on the day does not", []Inspection{recorded("d10", "D", 10, true)}, rate(1, 2)},
		{"a finding after the day does not", []Inspection{recorded("d30", "D", 30, true)}, rate(1, 2)},
		{"the scored business's own finding does not", []Inspection{recorded("a5", "A", 5, true)}, rate(1, 2)},
		{"a training row in the record counts once", []Inspection{train[1]}, rate(1, 2)},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := fitHistory(train, c.record, forever)
			if h.prior.critical != prior {
				t.Errorf("overall critical share %v, want the training table's %v", h.prior.critical, prior)
			}
			byAge := func(_ event, age float64) float64 { return decay(age, never) }
			if got := h.rate(scored, h.byZip["60601"], byAge, criticalOutcome); math.Abs(got-c.want) > 1e-12 {
				t.Errorf("zip critical rate %v, want %v", got, c.want)
			}
		})
	}
}

// TestNameRiskReadsTheRecordFromItsDay: the words of the record's earlier inspections count,
// later ones do not, and the overall rate stays the training table's.
func TestNameRiskReadsTheRecordFromItsDay(t *testing.T) {
	train := []Inspection{
		{ID: "1", License: "1", Name: "CAFE", Date: day(0), Critical: true},
		{ID: "2", License: "2", Name: "CAFE", Date: day(0), Critical: false},
	}
	var record []Inspection
	for i := range 6 {
		id := fmt.Sprint("wok", i)
		record = append(record, Inspection{ID: id, License: id, Name: "GOLDEN WOK", Date: day(5 + 10*i), Critical: true})
	}
	nt := fitNameTokens(train, record)
	if nt.prior != 0.5 {
		t.Errorf("overall rate %v, want the training table's 0.5", nt.prior)
	}
	early, late := Inspection{License: "new", Name: "GOLDEN WOK", Date: day(20)}, Inspection{License: "new", Name: "GOLDEN WOK", Date: day(60)}
	if a, b := nt.risk(early), nt.risk(late); !(a > 0 && b > a) {
		t.Errorf("risk on day 20 (two critical findings before) %v, on day 60 (six) %v: want 0 < first < second", a, b)
	}
	if got := nt.risk(Inspection{License: "new", Name: "GOLDEN WOK", Date: day(5)}); got != 0 {
		t.Errorf("risk on the day of the first finding %v, want 0", got)
	}
}
