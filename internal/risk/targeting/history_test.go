package targeting

import (
	"math"
	"testing"
)

// visit is a training row of licence on day d in zip 60601, with no previous visit on record.
func visit(licence string, d int, critical bool) Inspection {
	return Inspection{License: licence, Date: day(d), Critical: critical, Zip: "60601", Latitude: 41.9, Longitude: -87.6, FirstRecord: true}
}

// never is a half-life that keeps every event at full weight, so the rates below are plain shares.
var never = math.Inf(1)

var forever = historyParams{zipHalfLivesDays: []float64{never}, violationHalfLifeDays: never, nearbyHalfLifeDays: never, nearbyKm: 1}

// TestHistoryUsesOnlyEarlierOtherLicences: a rate counts other licences inspected before the day
// only, so no score sees its own business or anything recorded on or after its day.
func TestHistoryUsesOnlyEarlierOtherLicences(t *testing.T) {
	far := visit("E", 0, true) // another zip code, 50 km away: in the city's rate only
	far.Zip, far.Latitude = "60699", 42.35
	train := []Inspection{
		visit("A", 0, true),  // the scored licence itself: ignored
		visit("B", 0, false), // another licence, earlier: counts
		visit("C", 10, true), // the scored day: ignored
		visit("D", 20, true), // later: ignored
		far,
	}
	train[1].Violation = true
	h := fitHistory(train, nil, forever)
	scored := visit("A", 10, false)
	const prior = 4.0 / 5 // criticals among all five events
	area := (0 + historyPriorWeight*prior) / (1 + historyPriorWeight)
	city := (1 + historyPriorWeight*prior) / (2 + historyPriorWeight)
	byAge := func(_ event, age float64) float64 { return decay(age, never) }
	if got := h.rate(scored, h.byZip["60601"], byAge, criticalOutcome); math.Abs(got-area) > 1e-12 {
		t.Errorf("zip critical rate = %v, want %v", got, area)
	}
	if got := h.rate(scored, h.all, byAge, criticalOutcome); math.Abs(got-city) > 1e-12 {
		t.Errorf("city critical rate = %v, want %v", got, city)
	}
	want := logit(area) - logit(city)
	for name, got := range map[string]float64{"zip": h.zipVsCity(scored, never, criticalOutcome), "nearby": h.nearbyVsCity(scored)} {
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s against the city = %v, want %v", name, got, want)
		}
	}
	// Violations: prior 1/5; the one earlier neighbour had one, the far one none.
	zipViol, cityViol := (1+historyPriorWeight*0.2)/(1+historyPriorWeight), (1+historyPriorWeight*0.2)/(2+historyPriorWeight)
	if got := h.zipVsCity(scored, never, violationOutcome); math.Abs(got-(logit(zipViol)-logit(cityViol))) > 1e-12 {
		t.Errorf("zip violations against the city = %v, want %v", got, logit(zipViol)-logit(cityViol))
	}
	unknown := Inspection{License: "Z", Date: day(10), Latitude: math.NaN(), Longitude: -87.6}
	if !math.IsNaN(h.zipVsCity(unknown, never, criticalOutcome)) || !math.IsNaN(h.nearbyVsCity(unknown)) {
		t.Errorf("rates without a zip code or coordinates = %v, %v, want NaN", h.zipVsCity(unknown, never, criticalOutcome), h.nearbyVsCity(unknown))
	}
}

// TestHistoryEventsAddPreviousVisits: a row's past columns are an inspection of their own, dated
// timeSinceLast before it, unless that visit is already a row of the table or cannot be dated.
func TestHistoryEventsAddPreviousVisits(t *testing.T) {
	withPast := func(licence string, d int, yearsSince float64, pastCritical float64) Inspection {
		in := visit(licence, d, false)
		in.FirstRecord, in.YearsSinceLast, in.PastCritical = false, yearsSince, pastCritical
		return in
	}
	train := []Inspection{
		withPast("A", 400, 100.0/365, 2), // previous visit on day 300 with criticals: added
		withPast("B", 400, 2, 1),         // two years or more ago: no day, not added
		visit("C", 400, false),           // first record: nothing before it
		visit("D", 100, true),            // D's row on day 100 ...
		withPast("D", 400, 300.0/365, 1), // ... is the visit D's next row describes: not added twice
		withPast("E", 400, 99.6/365, 0),  // rounded to whole days: day 300
	}
	got := map[string][]float64{}
	for _, e := range historyEvents(train) {
		got[e.licence] = append(got[e.licence], e.day-dayNumber(visit("", 0, false)), e.critical)
	}
	want := map[string][]float64{
		"A": {400, 0, 300, 1}, "B": {400, 0}, "C": {400, 0}, "D": {100, 1, 400, 0}, "E": {400, 0, 300, 0},
	}
	for licence, w := range want {
		if len(got[licence]) != len(w) {
			t.Errorf("licence %s: events (day, critical) %v, want %v", licence, got[licence], w)
			continue
		}
		for i := range w {
			if math.Abs(got[licence][i]-w[i]) > 1e-9 {
				t.Errorf("licence %s: events (day, critical) %v, want %v", licence, got[licence], w)
				break
			}
		}
	}
}

// TestScoredAtHidesLaterOutcomes: with a scoring day set, what was recorded on or after it —
// other businesses' findings, words of their names, the scored business's own previous visit —
// leaves the features unchanged, while scored on its own day the same inspection sees them.
func TestScoredAtHidesLaterOutcomes(t *testing.T) {
	far := visit("E", 0, true) // another zip code, 50 km away
	far.Zip, far.Latitude = "60699", 42.35
	train := []Inspection{visit("B", 0, false), visit("C", 5, false), visit("D", 7, true), far}
	for i := range train {
		train[i].Name = "GOLDEN WOK"
	}
	// The two findings on or after day 5 swapped: the table's overall rate, which every rate
	// starts from as the model's intercept does, stays the same.
	flipped := append([]Inspection(nil), train...)
	flipped[1].Critical, flipped[2].Critical = true, false
	scored := visit("A", 9, false)
	scored.Name = "GOLDEN WOK"
	scored.FirstRecord, scored.YearsSinceLast, scored.PastCritical = false, 3.0/365, 2 // previous visit on day 6
	features := func(table []Inspection, in Inspection) []float64 {
		fs := append(append([]feature(nil), rankerFeatures...), learnRankerFeatures(table, nil)...)
		return rawMatrix([]Inspection{in}, fs)[0]
	}
	asOf := scored
	asOf.scoredAt = day(5)
	before, after := features(train, asOf), features(flipped, asOf)
	for j := range before {
		if !(before[j] == after[j] || math.IsNaN(before[j]) && math.IsNaN(after[j])) {
			t.Errorf("feature %d changed with outcomes recorded after the scoring day: %v → %v", j, before[j], after[j])
		}
	}
	if got := previous(func(in Inspection) float64 { return in.PastCritical })(asOf); !math.IsNaN(got) {
		t.Errorf("past criticals of a visit after the scoring day = %v, want unknown", got)
	}
	sameDay := features(train, scored)
	changed := false
	for j, v := range features(flipped, scored) {
		changed = changed || v != sameDay[j]
	}
	if !changed {
		t.Error("scored on its own day, the inspection does not see earlier findings at all")
	}
	if got := previous(func(in Inspection) float64 { return in.PastCritical })(scored); got != 2 {
		t.Errorf("past criticals of a visit before the scoring day = %v, want 2", got)
	}
}

// TestCityRateMatchesAPlainPass: the running totals give the rate a pass over every event gives,
// the licence's own events left out, and a table too long for them falls back to that pass.
func TestCityRateMatchesAPlainPass(t *testing.T) {
	train := mustSynthetic(t, 400, 1)
	ancient := visit("old", 0, true)
	ancient.Date = day(-40000) // 1903: a thousand and more 30-day half-lives before the rest
	for name, table := range map[string][]Inspection{"table": train, "table with a row from 1903": append(train, ancient)} {
		h := fitHistory(table, nil, rankerHistory)
		fellBack := false
		for _, halfLife := range rankerHistory.zipHalfLivesDays {
			fellBack = fellBack || !h.city[halfLife].finite
			byAge := func(_ event, age float64) float64 { return decay(age, halfLife) }
			for i := 0; i < len(train); i += 37 {
				in := train[i]
				got, want := h.cityRate(in, halfLife, criticalOutcome), h.rate(in, h.all, byAge, criticalOutcome)
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s, half-life %g, %s: city rate %v, plain pass %v", name, halfLife, in.ID, got, want)
				}
			}
		}
		if wantFallBack := name != "table"; fellBack != wantFallBack {
			t.Errorf("%s: fell back to the plain pass = %v, want %v", name, fellBack, wantFallBack)
		}
	}
}
