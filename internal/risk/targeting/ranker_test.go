package targeting

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/risk/targeting/targetingtest"
)

// mustSynthetic reads a synthetic table; seed 1 is the training table (from 2012), any other
// seed an evaluation table (from 2013).
func mustSynthetic(tb testing.TB, n int, seed uint64) []Inspection {
	tb.Helper()
	start := jan1
	if seed == 1 {
		start = jan1.AddDate(-1, 0, 0)
	}
	ins, err := Read(strings.NewReader(targetingtest.CSV(targetingtest.Synthetic(n, start, seed))), "synthetic.csv")
	if err != nil {
		tb.Fatal(err)
	}
	return ins
}

// TestTrainIsDeterministic: the same table gives the same model and the same scores, bit for
// bit, so a published scores file can be reproduced.
func TestTrainIsDeterministic(t *testing.T) {
	train, eval := mustSynthetic(t, 400, 1), mustSynthetic(t, 200, 2)
	a, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	if a.Model != b.Model || !reflect.DeepEqual(a.Score(eval), b.Score(eval)) {
		t.Errorf("two trainings on the same table differ: %s vs %s", a.Model, b.Model)
	}
}

// TestRankerLearnsAndExplains: on a table where past criticals, latitude and a licence to serve
// drinks raise the risk, the ranker ranks held-out inspections well and names the two it reads.
func TestRankerLearnsAndExplains(t *testing.T) {
	train, eval := mustSynthetic(t, 600, 1), mustSynthetic(t, 300, 2)
	r, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	scores := r.Score(eval)
	if auc := AUC(probabilities(scores), labels(eval)); auc < 0.65 {
		t.Errorf("held-out AUC %.3f on a learnable table, want ≥ 0.65", auc)
	}
	named := map[string]bool{}
	for _, s := range scores {
		if len(s.Reasons) > reasonsPerScore {
			t.Fatalf("%d reasons, want at most %d", len(s.Reasons), reasonsPerScore)
		}
		for i, reason := range s.Reasons {
			if reason.Effect <= 0 || (i > 0 && reason.Effect > s.Reasons[i-1].Effect) {
				t.Fatalf("reasons not positive and in decreasing order: %+v", s.Reasons)
			}
			named[reason.Feature] = true
		}
	}
	for _, f := range []string{"pastCritical", "latitude"} {
		if !named[f] {
			t.Errorf("feature %s never given as a reason; named: %v", f, named)
		}
	}
}

func TestTrainRefusesOneClass(t *testing.T) {
	ins := mustSynthetic(t, 50, 1)
	for i := range ins {
		ins[i].Critical = false
	}
	if _, err := Train(ins); err == nil || !strings.Contains(err.Error(), "both with and without") {
		t.Errorf("err = %v", err)
	}
}

// TestLogisticIsOptimal checks the fit against its own optimality condition: the gradient of
// the penalised loss vanishes at the solution.
func TestLogisticIsOptimal(t *testing.T) {
	ins := mustSynthetic(t, 500, 1)
	x := fitImputer(rawMatrix(ins, rankerFeatures)).apply(rawMatrix(ins, rankerFeatures))
	y := labels(ins)
	const lambda = 0.01
	m, err := fitLogistic(x, y, lambda)
	if err != nil {
		t.Fatal(err)
	}
	grad := make([]float64, len(m.coef)+1)
	for i, row := range x {
		r := sigmoid(m.logOdds(row)) - boolFloat(y[i])
		grad[0] += r / float64(len(x))
		for j, z := range m.standardise(row) {
			grad[j+1] += r * z / float64(len(x))
		}
	}
	for j := range m.coef {
		grad[j+1] += lambda * m.coef[j]
	}
	for j, g := range grad {
		if math.Abs(g) > 1e-7 {
			t.Errorf("gradient[%d] = %g at the fitted coefficients", j, g)
		}
	}
}

// TestContributionsAddUp: reasons are an exact split of the score, not a heuristic.
func TestContributionsAddUp(t *testing.T) {
	ins := mustSynthetic(t, 500, 1)
	x := fitImputer(rawMatrix(ins, rankerFeatures)).apply(rawMatrix(ins, rankerFeatures))
	y := labels(ins)
	lm, err := fitLogistic(x, y, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range x[:20] {
		if got, want := sum(lm.contributions(row)), lm.logOdds(row)-lm.intercept; math.Abs(got-want) > 1e-9 {
			t.Errorf("logistic contributions sum to %v, want %v", got, want)
		}
	}
}

// TestNameRiskUsesOnlyEarlierOtherLicences: a word only the scored business uses says nothing,
// a word other businesses shared earlier carries their rate, and later inspections count for
// nothing.
func TestNameRiskUsesOnlyEarlierOtherLicences(t *testing.T) {
	var train []Inspection
	for i := range 10 {
		train = append(train, Inspection{License: fmt.Sprint(i), Name: "GOLDEN WOK #" + fmt.Sprint(i), Date: day(0), Critical: i < 6})
	}
	train = append(train, Inspection{License: "solo", Name: "ZANZIBAR CAFE", Date: day(0), Critical: true})
	for i := range 9 {
		train = append(train, Inspection{License: fmt.Sprint("clean", i), Name: "CAFE", Date: day(0), Critical: false})
	}
	train = append(train, Inspection{License: "late", Name: "LATECOMER GRILL", Date: day(20), Critical: true})
	nt := fitNameTokens(train, nil)
	if got := nt.risk(Inspection{License: "solo", Name: "ZANZIBAR", Date: day(10)}); got != 0 {
		t.Errorf("a word only the business itself uses: risk %v, want 0", got)
	}
	if got := nt.risk(Inspection{License: "new", Name: "Golden Wok", Date: day(10)}); got <= 0 {
		t.Errorf("a chain with 6 of 10 critical (overall 8 of 21): risk %v, want > 0", got)
	}
	if got := nt.risk(Inspection{License: "new", Name: "CAFE", Date: day(10)}); got != 0 {
		t.Errorf("a word with a rate below the overall one: risk %v, want 0 (only rises are kept)", got)
	}
	if got := nt.risk(Inspection{License: "new", Name: "LATECOMER", Date: day(10)}); got != 0 {
		t.Errorf("a word seen only after the inspection: risk %v, want 0", got)
	}
	if got := nt.risk(Inspection{License: "new", Name: "Golden Wok", Date: day(0)}); got != 0 {
		t.Errorf("inspections of the same day: risk %v, want 0", got)
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func probabilities(scores []Score) []float64 {
	p := make([]float64, len(scores))
	for i, s := range scores {
		p[i] = s.Probability
	}
	return p
}
