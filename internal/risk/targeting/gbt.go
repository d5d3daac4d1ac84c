package targeting

import (
	"math"
	"math/rand/v2"
)

// boosted is a gradient-boosted tree ensemble on the log-odds (logistic loss, Newton leaves),
// which finds interactions and thresholds — a second past critical, a licence near renewal —
// that a linear model cannot.
type boosted struct {
	base  float64 // log-odds of the training prevalence
	trees []tree
}

// boostParams are the ensemble's hyperparameters, chosen by cross-validation.
type boostParams struct {
	rounds    int
	subsample float64 // share of rows each tree sees, drawn with a fixed seed
	tree      treeParams
}

// boostSeed fixes the row sampling so that the same table always gives the same model.
const boostSeed = 20140830

func fitBoosted(x [][]float64, y []bool, bp boostParams) *boosted {
	n := len(x)
	pos := 0.0
	for _, v := range y {
		pos += boolFloat(v)
	}
	prior := (pos + 1) / (float64(n) + 2)
	m := &boosted{base: math.Log(prior / (1 - prior))}
	b := fitBinning(x)
	bins := b.binAll(x)
	f := make([]float64, n)
	for i := range f {
		f[i] = m.base
	}
	g, h := make([]float64, n), make([]float64, n)
	rng := rand.New(rand.NewPCG(boostSeed, uint64(n)))
	for r := 0; r < bp.rounds; r++ {
		for i := range f {
			p := sigmoid(f[i])
			g[i], h[i] = p-boolFloat(y[i]), p*(1-p)
		}
		t := growTree(bins, b, g, h, sampleRows(rng, n, bp.subsample), bp.tree)
		for i, row := range x {
			f[i] += t.predict(row)
		}
		m.trees = append(m.trees, t)
	}
	return m
}

// sampleRows draws about share·n row indices without replacement, in ascending order.
func sampleRows(rng *rand.Rand, n int, share float64) []int {
	idx := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if share >= 1 || rng.Float64() < share {
			idx = append(idx, i)
		}
	}
	return idx
}

func (m *boosted) logOdds(row []float64) float64 {
	v := m.base
	for _, t := range m.trees {
		v += t.predict(row)
	}
	return v
}

// contributions splits the log-odds above the base rate over the features split on along each
// tree's path (the change in node value each split makes), so they add up to the score.
func (m *boosted) contributions(row []float64) []float64 {
	out := make([]float64, len(row))
	for _, t := range m.trees {
		t.path(row, func(parent, child *treeNode) {
			out[parent.feature] += child.value - parent.value
		})
	}
	return out
}
