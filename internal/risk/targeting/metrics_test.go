package targeting

import (
	"math"
	"testing"
)

func TestAUC(t *testing.T) {
	tests := []struct {
		name     string
		scores   []float64
		critical []bool
		want     float64
	}{
		// Positives 0.9 and 0.7 against negatives 0.8 and 0.6: 3 of the 4 pairs are ordered right.
		{"hand-worked", []float64{0.9, 0.8, 0.7, 0.6}, []bool{true, false, true, false}, 0.75},
		{"perfect", []float64{3, 2, 1}, []bool{true, false, false}, 1},
		{"reversed", []float64{1, 2, 3}, []bool{true, false, false}, 0},
		{"tie counts half", []float64{0.5, 0.5}, []bool{true, false}, 0.5},
		// Pairs: (0.4 vs 0.4) half, (0.4 vs 0.1) one, (0.9 vs both) two: 3.5 of 4.
		{"tie among others", []float64{0.4, 0.4, 0.9, 0.1}, []bool{true, false, true, false}, 0.875},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AUC(tt.scores, tt.critical); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("AUC = %v, want %v", got, tt.want)
			}
		})
	}
	if got := AUC([]float64{1, 2}, []bool{false, false}); !math.IsNaN(got) {
		t.Errorf("AUC without a positive = %v, want NaN", got)
	}
}

func TestPrecisionAtShare(t *testing.T) {
	scores := make([]float64, 20)
	critical := make([]bool, 20)
	for i := range scores {
		scores[i] = float64(i)
	}
	critical[19], critical[17] = true, true // top 2 by score are 19 and 18
	if got := PrecisionAtShare(scores, critical, 0.10); got != 0.5 {
		t.Errorf("precision at 10%% of 20 = %v, want 0.5 (one of the top two)", got)
	}
	// 10 % of 15 rounds up to 2 inspections: 14 and 13.
	if got := PrecisionAtShare(scores[:15], critical[:15], 0.10); got != 0 {
		t.Errorf("precision at 10%% of 15 = %v, want 0", got)
	}
	// Ties at the cut go to the earlier row.
	if got := PrecisionAtShare([]float64{1, 1, 1}, []bool{true, false, false}, 0.10); got != 1 {
		t.Errorf("tied precision = %v, want 1", got)
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{-2}, -2}} {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
