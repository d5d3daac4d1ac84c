package targeting

import "sort"

// maxBins bounds the candidate split points per feature; quantile bins make trees on a few
// thousand rows fast without losing the splits that matter.
const maxBins = 32

// binning holds, per feature, the ascending thresholds a tree may split on (value ≤ threshold
// goes left).
type binning struct {
	thresholds [][]float64
}

func fitBinning(x [][]float64) binning {
	p := len(x[0])
	b := binning{thresholds: make([][]float64, p)}
	col := make([]float64, len(x))
	for j := 0; j < p; j++ {
		for i, row := range x {
			col[i] = row[j]
		}
		sort.Float64s(col)
		var cuts []float64
		for k := 1; k < maxBins; k++ {
			v := col[k*len(col)/maxBins]
			// A cut at the column's maximum would send every row left: useless.
			if v < col[len(col)-1] && (len(cuts) == 0 || v > cuts[len(cuts)-1]) {
				cuts = append(cuts, v)
			}
		}
		b.thresholds[j] = cuts
	}
	return b
}

// bin returns the index of the first threshold ≥ v, or len(thresholds) for the last bin.
func (b binning) bin(j int, v float64) int {
	return sort.SearchFloat64s(b.thresholds[j], v)
}

// binAll bins every value of x.
func (b binning) binAll(x [][]float64) [][]uint8 {
	out := make([][]uint8, len(x))
	for i, row := range x {
		r := make([]uint8, len(row))
		for j, v := range row {
			r[j] = uint8(b.bin(j, v))
		}
		out[i] = r
	}
	return out
}
