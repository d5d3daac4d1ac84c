package rules

import (
	"fmt"
	"strings"
)

// StepTable is a scoring table (评分表) read from a step list: [bound₁, points₁, bound₂,
// points₂, …, pointsAbove]. A value up to bound₁ (inclusive) scores points₁, a value above
// bound₁ up to bound₂ scores points₂, and a value above the last bound scores pointsAbove.
// The bounds rise strictly. A table is one rule, so that a city overrides it in one step.
type StepTable struct {
	Bounds []float64 // upper bounds, inclusive, rising
	Points []float64 // one more than Bounds
}

// ParseSteps reads a step list; ok is false when the list is not one (an even length, fewer
// than three numbers or bounds that do not rise).
func ParseSteps(list []float64) (StepTable, bool) {
	if len(list)%2 == 0 || len(list) < 3 {
		return StepTable{}, false
	}
	var t StepTable
	for i := 0; i+1 < len(list); i += 2 {
		if n := len(t.Bounds); n > 0 && list[i] <= t.Bounds[n-1] {
			return StepTable{}, false
		}
		t.Bounds = append(t.Bounds, list[i])
		t.Points = append(t.Points, list[i+1])
	}
	t.Points = append(t.Points, list[len(list)-1])
	return t, true
}

// Score returns the points of v and the index of the step it fell in.
func (t StepTable) Score(v float64) (float64, int) {
	for i, b := range t.Bounds {
		if v <= b {
			return t.Points[i], i
		}
	}
	return t.Points[len(t.Bounds)], len(t.Bounds)
}

// Max is the highest points of the table.
func (t StepTable) Max() float64 {
	m := t.Points[0]
	for _, p := range t.Points[1:] {
		m = max(m, p)
	}
	return m
}

// String shows the table as people read it: "≤ 200: 1; ≤ 1000: 2; > 1000: 4".
func (t StepTable) String() string {
	parts := make([]string, 0, len(t.Points))
	for i, b := range t.Bounds {
		parts = append(parts, fmt.Sprintf("≤ %s: %s", formatNumber(b), formatNumber(t.Points[i])))
	}
	last := t.Bounds[len(t.Bounds)-1]
	parts = append(parts, fmt.Sprintf("> %s: %s", formatNumber(last), formatNumber(t.Points[len(t.Bounds)])))
	return strings.Join(parts, "; ")
}

// isStepTable reports whether decoded list items form a step table.
func isStepTable(items []any) bool {
	list := make([]float64, len(items))
	for i, it := range items {
		list[i] = toFloat(it)
	}
	_, ok := ParseSteps(list)
	return ok
}
