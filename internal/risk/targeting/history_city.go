package targeting

import "math"

// cityTotals are running sums over the date-ordered events of their weights and outcomes, each
// weighted by 2^((day − origin)/halfLife): multiplied by 2^(−(today − origin)/halfLife), the
// first k of them give the decayed totals of every event before today without a pass over all
// of them for each inspection scored. A table spanning more than about a thousand half-lives
// (some eighty years at 30 days) would overflow them; it is then left to the plain pass
// (finite false).
type cityTotals struct {
	finite bool
	origin float64   // the first event's day, so that no factor overflows
	weight []float64 // weight[k]: the first k events
	found  []outcomes
}

func cityRunningTotals(events []event, halfLife float64) cityTotals {
	c := cityTotals{weight: make([]float64, len(events)+1), found: make([]outcomes, len(events)+1)}
	if len(events) > 0 {
		c.origin = events[0].day
	}
	for i, e := range events {
		w := math.Exp2((e.day - c.origin) / halfLife)
		c.weight[i+1] = c.weight[i] + w
		c.found[i+1] = outcomes{critical: c.found[i].critical + w*e.critical, violation: c.found[i].violation + w*e.violation}
	}
	c.finite = !math.IsInf(c.weight[len(events)], 0)
	return c
}
