package targeting

import (
	"math"
	"testing"
)

// TestLevelFilterFollowsAStep: a zip code clean for months and then found wanting at every
// visit moves to a high level within a few findings; with no event for a long time its level
// is drawn afresh, so the rate returns to the levels' mean.
func TestLevelFilterFollowsAStep(t *testing.T) {
	f := rankerLevels[0]
	var events []event
	var idx []int
	for d := 0; d < 200; d += 10 {
		events, idx = append(events, event{day: float64(d)}), append(idx, len(idx))
	}
	before := f.rate(f.track(events, idx), 200)
	for d := 200; d < 240; d += 10 {
		events, idx = append(events, event{day: float64(d), outcomes: outcomes{critical: 1}}), append(idx, len(idx))
	}
	track := f.track(events, idx)
	after := f.rate(track, 240)
	if before > 0.08 || after < 0.4 {
		t.Errorf("rate %.3f after twenty clean visits and %.3f after four findings, want below 0.08 and above 0.4", before, after)
	}
	if forgotten := f.rate(track, 240+50*f.dwellDays); math.Abs(forgotten-mean(f.levels)) > 1e-9 {
		t.Errorf("rate long after the last event = %v, want the levels' mean %v", forgotten, mean(f.levels))
	}
}

// TestLevelFilterCarriesOneFinding checks the filter against the sum by hand: after one finding
// the belief in each level is its rate over the sum of rates; d days on, it holds with
// probability e^(−d/dwell) and is otherwise the uniform prior.
func TestLevelFilterCarriesOneFinding(t *testing.T) {
	f := rankerLevels[0]
	track := f.track([]event{{day: 10, outcomes: outcomes{critical: 1}}}, []int{0})
	var sum, squares float64
	for _, r := range f.levels {
		sum, squares = sum+r, squares+r*r
	}
	for _, d := range []float64{0.5, 30, 360, 2000} {
		hold := math.Exp(-d / f.dwellDays)
		want := hold*squares/sum + (1-hold)*mean(f.levels)
		if got := f.rate(track, 10+d); math.Abs(got-want) > 1e-12 {
			t.Errorf("%g days after one finding: rate %v, want %v", d, got, want)
		}
	}
	if got := f.rate(track, 10); math.Abs(got-mean(f.levels)) > 1e-12 {
		t.Errorf("on the finding's own day: rate %v, want the prior mean %v", got, mean(f.levels))
	}
}

// TestLevelFeaturesReadOnlyTheRecordBeforeTheDay: a zip code's level on the scoring day counts
// the events before it (another licence's, or the business's own earlier visit) and nothing on
// or after it: not the scored inspection's own outcome, even where a later row of the same
// licence records that visit in its past columns, whichever day those columns put it on.
func TestLevelFeaturesReadOnlyTheRecordBeforeTheDay(t *testing.T) {
	level := func(train []Inspection, scored Inspection) float64 {
		t.Helper()
		for _, f := range levelFeatures(fitHistory(train, nil, rankerHistory), rankerLevels) {
			if f.name == "zipLevelCritical(360d)" {
				return f.value(scored)
			}
		}
		t.Fatal("no zipLevelCritical(360d) feature")
		return 0
	}
	// recorder is licence A's later visit on day 400, whose past columns record a critical
	// finding at a visit dayGap days earlier.
	recorder := func(dayGap int) Inspection {
		in := visit("A", 400, false)
		in.FirstRecord, in.YearsSinceLast, in.PastCritical = false, float64(dayGap)/365, 1
		return in
	}
	neighbour := visit("B", 50, true)
	for _, c := range []struct {
		name  string
		train []Inspection
		same  []Inspection // a record that must give the same level to A's visit on day 100
	}{
		{"own outcome", []Inspection{neighbour, visit("A", 100, true)}, []Inspection{neighbour, visit("A", 100, false)}},
		{"recorded on its day", []Inspection{neighbour, visit("A", 100, true), recorder(300)}, []Inspection{neighbour}},
		{"recorded a day after", []Inspection{neighbour, visit("A", 100, true), recorder(299)}, []Inspection{neighbour}},
		{"recorded days after", []Inspection{neighbour, visit("A", 100, true), recorder(297)}, []Inspection{neighbour}},
		{"later visits", []Inspection{neighbour, visit("C", 100, true), visit("D", 150, true)}, []Inspection{neighbour}},
	} {
		scored := visit("A", 100, false)
		got, want := level(c.train, scored), level(c.same, scored)
		if got != want {
			t.Errorf("%s: level %v, want %v as without it", c.name, got, want)
		}
	}
	scored := visit("A", 100, false)
	own := level([]Inspection{neighbour, visit("A", 60, true)}, scored)
	if neighbourOnly := level([]Inspection{neighbour}, scored); !(own > neighbourOnly) {
		t.Errorf("the business's own earlier finding leaves its level at %v (%v without it), want it higher", own, neighbourOnly)
	}
	window := scored
	window.scoredAt = day(40)
	if got, want := level([]Inspection{neighbour}, window), logit(mean(rankerLevels[0].levels)); math.Abs(got-want) > 1e-12 {
		t.Errorf("scored on day 40, before the only event: level %v, want the prior %v", got, want)
	}
	scored.Zip = ""
	if got := level([]Inspection{neighbour}, scored); !math.IsNaN(got) {
		t.Errorf("level without a zip code = %v, want NaN", got)
	}
}
