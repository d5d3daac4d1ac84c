package targeting

import (
	"math"
	"sort"
)

// AUC is the probability that a random inspection with a critical finding scores above a
// random one without (ties count half): ranking quality independent of any cut-off. NaN when
// either class is absent.
func AUC(scores []float64, critical []bool) float64 {
	order := rankOrder(scores)
	// Mann–Whitney: sum the average ranks of the positives, tied scores sharing their rank.
	var rankSum, pos float64
	for start := 0; start < len(order); {
		end := start
		for end < len(order) && scores[order[end]] == scores[order[start]] {
			end++
		}
		avg := float64(start+end+1) / 2 // ranks start..end-1 are 1-based start+1..end
		for _, i := range order[start:end] {
			if critical[i] {
				rankSum += avg
				pos++
			}
		}
		start = end
	}
	neg := float64(len(scores)) - pos
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

// rankOrder returns the indices of scores in ascending order of score.
func rankOrder(scores []float64) []int {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] < scores[order[b]] })
	return order
}

// PrecisionAtShare is the share of critical findings among the top share of inspections by
// score (rounded up, at least one inspection): the hit rate if only that many could be
// visited. Ties at the cut go to the earlier row.
func PrecisionAtShare(scores []float64, critical []bool, share float64) float64 {
	if len(scores) == 0 {
		return math.NaN()
	}
	k := max(1, int(math.Ceil(share*float64(len(scores)))))
	order := rankOrder(scores)
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	hits := 0
	for _, i := range order[:k] {
		if critical[i] {
			hits++
		}
	}
	return float64(hits) / float64(k)
}

// median of values; NaN for none.
func median(values []float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), values...)
	sort.Float64s(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

func mean(values []float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, v := range values {
		s += v
	}
	return s / float64(len(values))
}
