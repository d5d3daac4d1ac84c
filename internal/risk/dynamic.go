package risk

// scoreDynamic scores the record of the look-back period: points per event, capped at the
// scheme's dynamic maximum.
func (s *Scheme) scoreDynamic(t *tally, lines []Line) []Line {
	start := len(lines)
	for _, it := range []struct {
		name string
		n    int
	}{
		{"inspection_basic", t.basic},
		{"inspection_noncompliant", t.nonCompliant},
		{"sampling_failure", t.of(EventSamplingFailure)},
		{"penalty", t.of(EventPenalty)},
		{"complaint", t.of(EventComplaint)},
	} {
		if it.n > 0 {
			p := s.Dynamic[it.name]
			lines = append(lines, Line{Part: PartDynamic, Factor: it.name, Value: float64(it.n), Points: float64(it.n) * p.Value, Source: p.Source})
		}
	}
	return capped(PartDynamic, lines, start, s.DynamicMax)
}

// scoreCredit scores general credit risk (2022 draft): listings running on the day and
// penalties still within their publicity period, capped at the credit maximum.
func (s *Scheme) scoreCredit(t *tally, lines []Line) []Line {
	if s.Credit == nil {
		return lines
	}
	start := len(lines)
	for _, k := range []EventKind{EventSeriousDishonesty, EventAbnormalOperation} {
		if t.isListed(k) {
			p := s.Credit[k]
			lines = append(lines, Line{Part: PartCredit, Factor: string(k), Value: 1, Points: p.Value, Source: p.Source})
		}
	}
	if n := t.inPublicity; n > 0 {
		p := s.Credit[EventPenalty]
		lines = append(lines, Line{Part: PartCredit, Factor: string(EventPenalty), Value: float64(n), Points: float64(n) * p.Value, Source: p.Source})
	}
	return capped(PartCredit, lines, start, s.CreditMax)
}
