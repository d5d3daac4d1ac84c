package targeting

import (
	"math"
	"testing"
)

// TestZipShareOfInspectionsCountsWhatWasOnRecord: the share counts other licences' inspections
// made before the scoring day, and a previous visit only once the row describing it is on
// record: a later row's past columns must not tell how many of the zip code's businesses will
// be inspected from the scoring day on.
func TestZipShareOfInspectionsCountsWhatWasOnRecord(t *testing.T) {
	withPast := func(licence string, d int, daysSince float64) Inspection {
		in := visit(licence, d, false)
		in.FirstRecord, in.YearsSinceLast = false, daysSince/365
		return in
	}
	far := visit("E", 0, true) // another zip code: in the city's count only
	far.Zip, far.Latitude = "60699", 42.35
	train := []Inspection{
		visit("B", 0, false),  // another licence, earlier: counts
		visit("A", 2, true),   // the scored licence itself: ignored
		withPast("C", 20, 15), // after the scoring day, and so is its previous visit's record
		withPast("D", 8, 5),   // before it, with its previous visit on day 3: both count
		far,
	}
	p := forever
	p.inspectionsHalfLifeDays = never
	h := fitHistory(train, nil, p)
	scored := visit("A", 10, false)
	if got, want := h.zipShareOfInspections(scored), math.Log1p(3)-math.Log1p(4); math.Abs(got-want) > 1e-12 {
		t.Errorf("zip share of inspections on day 10 = %v, want %v (3 of 4)", got, want)
	}
	later := visit("A", 30, false)
	if got, want := h.zipShareOfInspections(later), math.Log1p(5)-math.Log1p(6); math.Abs(got-want) > 1e-12 {
		t.Errorf("zip share of inspections on day 30 = %v, want %v (5 of 6)", got, want)
	}
	scored.Zip = ""
	if got := h.zipShareOfInspections(scored); !math.IsNaN(got) {
		t.Errorf("zip share without a zip code = %v, want NaN", got)
	}
}
