package targeting

import "fmt"

// scorer is a fitted model on imputed feature rows.
type scorer interface {
	logOdds(row []float64) float64
	contributions(row []float64) []float64
}

// candidate is one model family with one set of hyperparameters.
type candidate struct {
	name string
	fit  func(x [][]float64, y []bool) (scorer, error)
}

// candidates is the grid cross-validation chooses from: the regularised logistic regression
// Chicago used, and blends of it with shallow gradient-boosted trees.
func candidates() []candidate {
	out := logisticCandidates()
	for _, depth := range []int{1, 2} {
		for _, rounds := range []int{100, 200} {
			bp := boostParams{rounds: rounds, subsample: 0.8, tree: treeParams{
				maxDepth: depth, minHessian: 10, l2: 1, shrink: 0.03,
			}}
			out = append(out, blendCandidate(1, bp))
		}
	}
	return out
}

// logisticCandidates are regularised logistic regressions over a range of penalties. With a
// few hundred critical findings to learn from, cross-validation often picks the heaviest.
func logisticCandidates() []candidate {
	var out []candidate
	for _, lambda := range []float64{0.01, 0.1, 1, 10, 100} {
		out = append(out, logisticCandidate(lambda))
	}
	return out
}

// unpenalisedLogistic is a logistic regression with a penalty too small to matter, kept only so
// that a constant column cannot make the Newton step singular.
var unpenalisedLogistic = candidate{
	name: "unpenalised logistic",
	fit: func(x [][]float64, y []bool) (scorer, error) {
		return fitLogistic(x, y, 1e-6)
	},
}

func logisticCandidate(lambda float64) candidate {
	return candidate{
		name: fmt.Sprintf("logistic λ=%g", lambda),
		fit: func(x [][]float64, y []bool) (scorer, error) {
			return fitLogistic(x, y, lambda)
		},
	}
}

func boostedCandidate(bp boostParams) candidate {
	return candidate{
		name: fmt.Sprintf("boosted trees depth=%d rounds=%d rate=%g", bp.tree.maxDepth, bp.rounds, bp.tree.shrink),
		fit: func(x [][]float64, y []bool) (scorer, error) {
			return fitBoosted(x, y, bp), nil
		},
	}
}

// blendCandidate averages a logistic regression and boosted trees.
func blendCandidate(lambda float64, bp boostParams) candidate {
	l, b := logisticCandidate(lambda), boostedCandidate(bp)
	return candidate{
		name: "blend of " + l.name + " and " + b.name,
		fit: func(x [][]float64, y []bool) (scorer, error) {
			lm, err := l.fit(x, y)
			if err != nil {
				return nil, err
			}
			bm, err := b.fit(x, y)
			if err != nil {
				return nil, err
			}
			return blend{parts: []scorer{lm, bm}}, nil
		},
	}
}
