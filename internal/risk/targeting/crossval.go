package targeting

import (
	"fmt"
	"sort"
)

// cvBlocks is the number of date-ordered blocks the training table is cut into; cvFirstHeld is
// the first block held out, so every model is fitted on at least that many blocks.
const (
	cvBlocks    = 6
	cvFirstHeld = 2
)

// crossValidatedAUC is the model's mean AUC under forward-chaining cross-validation: each
// block from cvFirstHeld on is predicted by a model fitted on the blocks before it only, as the
// back-test predicts a period from its past. Predictors whose link to the outcome drifts over
// time score badly here instead of looking good.
func crossValidatedAUC(train []Inspection, spec featureSpec, c candidate) (float64, error) {
	splits := foldDesigns(train, spec, dateBlocks(train, cvBlocks))
	if len(splits) == 0 {
		return 0, fmt.Errorf("cross-validation: no fold has both outcomes")
	}
	return crossValidate(splits, c)
}

// foldSplit is one cross-validation fold: the predictors learnt on its fitting blocks, applied
// to both.
type foldSplit struct {
	xFit, xHeld [][]float64
	yFit, yHeld []bool
}

func foldDesigns(train []Inspection, spec featureSpec, folds [][]int) []foldSplit {
	var out []foldSplit
	for k := cvFirstHeld; k < len(folds); k++ {
		fit, held := splitFolds(train, folds, k)
		if checkLabels(fit) != nil || checkLabels(held) != nil {
			continue
		}
		d := prepare(fit, spec)
		out = append(out, foldSplit{xFit: d.x, xHeld: d.matrix(held), yFit: labels(fit), yHeld: labels(held)})
	}
	return out
}

// crossValidate is the candidate's mean held-out AUC over the folds.
func crossValidate(splits []foldSplit, c candidate) (float64, error) {
	aucs := make([]float64, len(splits))
	for k, s := range splits {
		m, err := c.fit(s.xFit, s.yFit)
		if err != nil {
			return 0, fmt.Errorf("cross-validate %s: %w", c.name, err)
		}
		scores := make([]float64, len(s.xHeld))
		for i, row := range s.xHeld {
			scores[i] = m.logOdds(row)
		}
		aucs[k] = AUC(scores, s.yHeld)
	}
	return mean(aucs), nil
}

// dateBlocks splits row indices, ordered by date then ID, into k consecutive blocks.
func dateBlocks(ins []Inspection, k int) [][]int {
	order := make([]int, len(ins))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		if !ins[order[a]].Date.Equal(ins[order[b]].Date) {
			return ins[order[a]].Date.Before(ins[order[b]].Date)
		}
		return ins[order[a]].ID < ins[order[b]].ID
	})
	blocks := make([][]int, k)
	for pos, i := range order {
		b := pos * k / len(order)
		blocks[b] = append(blocks[b], i)
	}
	return blocks
}

// splitFolds returns the blocks before held as the fitting set and block held as the test.
func splitFolds(ins []Inspection, folds [][]int, held int) (fit, out []Inspection) {
	for k, f := range folds[:held+1] {
		for _, i := range f {
			if k == held {
				out = append(out, ins[i])
			} else {
				fit = append(fit, ins[i])
			}
		}
	}
	return fit, out
}
