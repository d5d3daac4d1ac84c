package targeting

import "fmt"

// calibrated rescales a model's log-odds as a·s + b, fitted on the training rows. A heavily
// penalised model ranks well but squeezes every probability towards the base rate, so that its
// reasons read "+0.00"; rescaling keeps the order and every reason's share, and makes the
// probabilities and the effects mean what they say.
type calibrated struct {
	inner        scorer
	slope, shift float64
}

func calibrate(m scorer, x [][]float64, y []bool) (calibrated, error) {
	s := make([][]float64, len(x))
	for i, row := range x {
		s[i] = []float64{m.logOdds(row)}
	}
	// One standardised column and a penalty too small to matter: Platt scaling.
	fit, err := fitLogistic(s, y, 1e-6)
	if err != nil {
		return calibrated{}, fmt.Errorf("calibrate scores: %w", err)
	}
	slope := fit.coef[0] / fit.scale[0]
	if !(slope > 0) {
		// A model whose scores run against the outcome on its own training rows is left as it
		// is rather than turned round: rescaling must never change the order.
		return calibrated{inner: m, slope: 1}, nil
	}
	return calibrated{inner: m, slope: slope, shift: fit.intercept - slope*fit.mean[0]}, nil
}

func (c calibrated) logOdds(row []float64) float64 {
	return c.shift + c.slope*c.inner.logOdds(row)
}

// contributions scale with the slope, so they still add up to the score against the average.
func (c calibrated) contributions(row []float64) []float64 {
	out := c.inner.contributions(row)
	for j := range out {
		out[j] *= c.slope
	}
	return out
}
