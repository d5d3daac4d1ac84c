package targeting

import (
	"fmt"
	"math"
)

// logistic is an L2-penalised logistic regression on standardised features: the plain model
// Chicago used (glmnet), here as the baseline and as a candidate.
type logistic struct {
	mean, scale []float64 // standardisation learnt on the training rows
	intercept   float64
	coef        []float64 // per standardised feature
}

// fitLogistic minimises mean log-loss + lambda/2·‖coef‖² by Newton's method; the intercept is
// not penalised. Newton on a few dozen features converges in a handful of exact steps, with no
// learning rate to tune and the same answer on every run.
func fitLogistic(x [][]float64, y []bool, lambda float64) (*logistic, error) {
	m := &logistic{}
	m.mean, m.scale = standardisation(x)
	z := make([][]float64, len(x))
	for i, row := range x {
		z[i] = m.standardise(row)
	}
	p := len(m.mean) + 1 // column 0 is the intercept
	w := make([]float64, p)
	n := float64(len(z))
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, p)
		hess := newSquare(p)
		for i, row := range z {
			prob := sigmoid(w[0] + dot(w[1:], row))
			r := prob - boolFloat(y[i])
			s := math.Max(prob*(1-prob), 1e-10)
			addOuter(grad, hess, row, r, s)
		}
		for j := 0; j < p; j++ {
			grad[j] /= n
			for k := 0; k < p; k++ {
				hess[j][k] /= n
			}
			if j > 0 {
				grad[j] += lambda * w[j]
				hess[j][j] += lambda
			}
		}
		step, err := solveCholesky(hess, grad)
		if err != nil {
			return nil, fmt.Errorf("fit logistic regression: %w", err)
		}
		change := 0.0
		for j := range w {
			w[j] -= step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	m.intercept, m.coef = w[0], w[1:]
	return m, nil
}

// addOuter adds one row's gradient r·(1,z) and curvature s·(1,z)(1,z)ᵀ.
func addOuter(grad []float64, hess [][]float64, z []float64, r, s float64) {
	at := func(j int) float64 {
		if j == 0 {
			return 1
		}
		return z[j-1]
	}
	for j := range grad {
		aj := at(j)
		grad[j] += r * aj
		for k := 0; k <= j; k++ {
			v := s * aj * at(k)
			hess[j][k] += v
			if k != j {
				hess[k][j] += v
			}
		}
	}
}

func (m *logistic) standardise(row []float64) []float64 {
	z := make([]float64, len(row))
	for j, v := range row {
		z[j] = (v - m.mean[j]) / m.scale[j]
	}
	return z
}

// logOdds is the model's score on the log-odds scale.
func (m *logistic) logOdds(row []float64) float64 {
	return m.intercept + dot(m.coef, m.standardise(row))
}

// contributions is each feature's share of the log-odds against an average business.
func (m *logistic) contributions(row []float64) []float64 {
	z := m.standardise(row)
	out := make([]float64, len(z))
	for j := range z {
		out[j] = m.coef[j] * z[j]
	}
	return out
}

// standardisation returns each column's mean and standard deviation (1 for a constant column,
// so it drops out instead of dividing by zero).
func standardisation(x [][]float64) (mean, scale []float64) {
	p := len(x[0])
	mean, scale = make([]float64, p), make([]float64, p)
	n := float64(len(x))
	for _, row := range x {
		for j, v := range row {
			mean[j] += v / n
		}
	}
	for _, row := range x {
		for j, v := range row {
			d := v - mean[j]
			scale[j] += d * d / n
		}
	}
	for j := range scale {
		scale[j] = math.Sqrt(scale[j])
		if scale[j] < 1e-12 {
			scale[j] = 1
		}
	}
	return mean, scale
}
