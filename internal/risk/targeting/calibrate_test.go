package targeting

import (
	"math"
	"testing"
)

// TestCalibrationKeepsOrderAndReasons: rescaling a squeezed model spreads its probabilities but
// never changes which inspection ranks first, and the reasons still add up to the score.
func TestCalibrationKeepsOrderAndReasons(t *testing.T) {
	ins := mustSynthetic(t, 500, 1)
	x := fitImputer(rawMatrix(ins, rankerFeatures)).apply(rawMatrix(ins, rankerFeatures))
	y := labels(ins)
	squeezed, err := fitLogistic(x, y, 100)
	if err != nil {
		t.Fatal(err)
	}
	c, err := calibrate(squeezed, x, y)
	if err != nil {
		t.Fatal(err)
	}
	if c.slope <= 1 {
		t.Errorf("slope %v: a heavily penalised model should be stretched, not squeezed further", c.slope)
	}
	for i := 1; i < len(x); i++ {
		a, b := squeezed.logOdds(x[i-1]) < squeezed.logOdds(x[i]), c.logOdds(x[i-1]) < c.logOdds(x[i])
		if a != b {
			t.Fatalf("rows %d and %d change order after calibration", i-1, i)
		}
	}
	for _, row := range x[:20] {
		want := c.slope * (squeezed.logOdds(row) - squeezed.intercept)
		if got := sum(c.contributions(row)); math.Abs(got-want) > 1e-9 {
			t.Errorf("calibrated contributions sum to %v, want %v", got, want)
		}
	}
}
