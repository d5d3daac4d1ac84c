package targeting

// blend averages the log-odds of several models: the linear model's steady trends and the
// trees' thresholds and interactions, with less variance than either alone. Contributions
// average the same way, so the reasons still add up.
type blend struct {
	parts []scorer
}

func (b blend) logOdds(row []float64) float64 {
	s := 0.0
	for _, p := range b.parts {
		s += p.logOdds(row)
	}
	return s / float64(len(b.parts))
}

func (b blend) contributions(row []float64) []float64 {
	out := make([]float64, len(row))
	for _, p := range b.parts {
		for j, c := range p.contributions(row) {
			out[j] += c / float64(len(b.parts))
		}
	}
	return out
}
