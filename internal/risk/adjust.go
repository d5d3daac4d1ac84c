package risk

// CleanRecord is the kind of the adjustment that lowers a grade after problem-free years.
const CleanRecord = "clean_record"

// adjust applies the adjustment triggers (调级情形) to the scored grade: the largest raise of
// the triggers found in the look-back period (a serious-dishonesty listing counts while it
// runs), or, with no trigger, a lowering after enough problem-free years.
func (s *Scheme) adjust(scored Grade, t *tally) (Grade, []Adjustment) {
	var adj []Adjustment
	best := -1
	for _, k := range raiseTriggers {
		n := t.of(k)
		if k == EventSeriousDishonesty && n == 0 && t.isListed(k) {
			n = 1
		}
		if n == 0 {
			continue
		}
		p := s.Raise[k]
		adj = append(adj, Adjustment{Kind: string(k), Count: n, Steps: int(p.Value), Source: p.Source})
		if best < 0 || adj[len(adj)-1].Steps > adj[best].Steps {
			best = len(adj) - 1
		}
	}
	if best >= 0 {
		adj[best].Applied = true
		return scored.shift(adj[best].Steps), adj
	}
	years := t.cleanYears(s.At)
	if years < int(s.CleanYears.Value) {
		return scored, nil
	}
	steps := int(s.DowngradeSteps.Value)
	return scored.shift(-steps), []Adjustment{{Kind: CleanRecord, Count: years, Steps: -steps,
		Applied: scored != GradeA, Source: s.CleanYears.Source}}
}
