package targeting

import "math"

// imputer fills unknown values with the training mean, so a missing optional column neither
// raises nor lowers a score.
type imputer struct {
	means []float64
}

func fitImputer(x [][]float64) imputer {
	p := len(x[0])
	sum, n := make([]float64, p), make([]float64, p)
	for _, row := range x {
		for j, v := range row {
			if !math.IsNaN(v) {
				sum[j] += v
				n[j]++
			}
		}
	}
	means := make([]float64, p)
	for j := range means {
		if n[j] > 0 {
			means[j] = sum[j] / n[j]
		}
	}
	return imputer{means: means}
}

// apply returns a copy of x with every NaN replaced.
func (m imputer) apply(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		r := make([]float64, len(row))
		for j, v := range row {
			if math.IsNaN(v) {
				v = m.means[j]
			}
			r[j] = v
		}
		out[i] = r
	}
	return out
}
