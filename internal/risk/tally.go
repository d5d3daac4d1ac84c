package risk

import (
	"slices"
	"time"
)

// tally is what grading counts of a record on a day, gathered in one pass over its
// events: the events of the look-back period by kind and inspection result, the listings
// running that day, the penalties still within their publicity period, and the dates a
// clean record is counted from.
type tally struct {
	recent              [len(eventKinds)]int
	basic, nonCompliant int
	listed              [len(eventKinds)]bool
	inPublicity         int // penalties since publicitySince
	first, lastProblem  time.Time
}

// tallyOf counts events for a grading at at, with a look-back period starting at from and
// penalties counting for credit since publicitySince (zero without a credit part). An
// event is dated by its day in China, stored as midnight UTC (civilDay): it counts from the
// start of that day, and a listing ends at the start of its last day's morrow, wherever at
// falls in the day; compared with the instant at, an event of today would not count before
// 08:00 China time.
func tallyOf(events []Event, from, at, publicitySince time.Time) tally {
	var t tally
	today := civilDay(at)
	for _, e := range events {
		if e.On.After(today) {
			continue
		}
		k := e.Kind.index()
		if k < 0 {
			continue
		}
		if !e.On.Before(from) {
			t.count(k, e)
		}
		if e.listing() && (e.Until == nil || e.Until.After(today)) {
			t.listed[k] = true
		}
		if e.Kind == EventPenalty && !publicitySince.IsZero() && e.On.After(publicitySince) {
			t.inPublicity++
		}
		if t.first.IsZero() || e.On.Before(t.first) {
			t.first = e.On
		}
		if last := e.problemUntil(at); last.After(t.lastProblem) {
			t.lastProblem = last
		}
	}
	return t
}

func (t *tally) count(k int, e Event) {
	t.recent[k]++
	switch {
	case e.Kind != EventInspection:
	case e.Result == ResultBasic:
		t.basic++
	case e.Result == ResultNonCompliant:
		t.nonCompliant++
	}
}

// of returns the recent events of kind k.
func (t *tally) of(k EventKind) int { return t.recent[k.index()] }

// isListed reports whether a listing of kind k runs on the day.
func (t *tally) isListed(k EventKind) bool { return t.listed[k.index()] }

// cleanYears counts the whole years from the later of the first event of the record and
// the last problem up to at. A business with no record has no clean years: nothing is
// known of it.
func (t *tally) cleanYears(at time.Time) int {
	if t.first.IsZero() {
		return 0
	}
	return wholeYears(slices.MaxFunc([]time.Time{t.first, t.lastProblem}, time.Time.Compare), at)
}

// wholeYears counts the anniversaries of from up to at.
func wholeYears(from, at time.Time) int {
	n := at.Year() - from.Year()
	if from.AddDate(n, 0, 0).After(at) {
		n--
	}
	return max(n, 0)
}
