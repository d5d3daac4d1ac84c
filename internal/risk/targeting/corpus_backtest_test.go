package targeting

import "testing"

// Floors the ranker must clear, each the figure measured when the ranker was built less a
// margin for a platform's floating-point drift and for small changes to the model: on the time
// split 6.80 days earlier and +42.1 % in the first half; on random halves (mean of seeds 1–5)
// 7.77 days and +36.5 %. Every window is scored as on its first day (ScoreWindows), with the
// findings of the evaluated inspections made before that day in the record.
//
// Chicago's 7.44 days is not cleared robustly: seeds 6–25 average 7.15 days (+32.7 %), and the
// time split is 6.80; seeds 1–5 happen to fall high. Its +25 % is cleared everywhere.
const (
	floorDaysEarlier         = 6.3
	floorFirstHalfGain       = 0.30
	floorRandomDaysEarlier   = 7.3
	floorRandomFirstHalfGain = 0.30
)

// TestCorpusRandomHalves back-tests the way the issue is checked: the hold-out half of Chicago's
// split covers the same two years as the training half, drawn at random by inspection. Over five
// random halvings of the corpus table, each back-tested in 60-day windows over the whole period,
// the ranker must beat Chicago's model without the sanitarian on average and clear the floors.
func TestCorpusRandomHalves(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("ten trainings; skipped with -short and under -race")
	}
	all := readCorpus(t)
	var rankerDays, rankerGain, baseDays, baseGain float64
	const seeds = 5
	for seed := uint64(1); seed <= seeds; seed++ {
		train, eval := randomHalves(all, seed)
		ranker, err := Train(train)
		if err != nil {
			t.Fatal(err)
		}
		baseline, err := TrainChicagoBaseline(train)
		if err != nil {
			t.Fatal(err)
		}
		got, base := mustBacktest(t, ranker, eval), mustBacktest(t, baseline, eval)
		t.Logf("seed %d: ranker (%s) %.2f days earlier, first half %+.1f%%, AUC %.3f; baseline %.2f days, %+.1f%%, AUC %.3f",
			seed, ranker.Model, got.DaysEarlierMean, 100*got.FirstHalfGain, got.AUC, base.DaysEarlierMean, 100*base.FirstHalfGain, base.AUC)
		rankerDays += float64(got.DaysEarlierMean) / seeds
		rankerGain += float64(got.FirstHalfGain) / seeds
		baseDays += float64(base.DaysEarlierMean) / seeds
		baseGain += float64(base.FirstHalfGain) / seeds
	}
	t.Logf("mean: ranker %.2f days earlier, %+.1f%%; baseline %.2f days, %+.1f%%", rankerDays, 100*rankerGain, baseDays, 100*baseGain)
	if rankerDays <= baseDays || rankerGain <= baseGain {
		t.Errorf("ranker %.2f days and %+.1f%% does not beat the baseline %.2f days and %+.1f%%",
			rankerDays, 100*rankerGain, baseDays, 100*baseGain)
	}
	if rankerDays < floorRandomDaysEarlier || rankerGain < floorRandomFirstHalfGain {
		t.Errorf("ranker: %.2f days earlier and %+.1f%% in the first half, floors %.1f days and %+.0f%%",
			rankerDays, 100*rankerGain, floorRandomDaysEarlier, 100*floorRandomFirstHalfGain)
	}
}

// TestCorpusBacktest trains on the corpus before evalCut and back-tests on the rest. The ranker
// must rank better than Chicago's plain logistic regression without the sanitarian retrained on
// the same split, find critical violations earlier than it, and clear the documented floors; the
// figures are logged for the report.
func TestCorpusBacktest(t *testing.T) {
	if raceDetector {
		// The package starts no goroutine, so -race finds nothing here but makes the two
		// trainings ten times slower.
		t.Skip("skipped under -race")
	}
	train, eval := readCorpusSplit(t)
	ranker, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	baseline, err := TrainChicagoBaseline(train)
	if err != nil {
		t.Fatal(err)
	}
	got := mustBacktest(t, ranker, eval)
	base := mustBacktest(t, baseline, eval)
	t.Logf("split: train %d inspections before %s, evaluate %d from it", len(train), evalCut, len(eval))
	for _, r := range []struct {
		name string
		m    *Ranker
		res  Result
	}{{"ranker", ranker, got}, {"baseline", baseline, base}} {
		t.Logf("%s (%s, cv AUC %.3f): %.2f days earlier (median %.1f), first half %+.1f%%, AUC %.3f, precision@10%% %.3f, delayed %.1f%%",
			r.name, r.m.Model, r.m.CVAUC, r.res.DaysEarlierMean, r.res.DaysEarlierMedian, 100*r.res.FirstHalfGain,
			r.res.AUC, r.res.PrecisionAt10, 100*r.res.DelayedShare)
	}
	if got.AUC <= base.AUC {
		t.Errorf("ranker AUC %.3f does not beat the baseline %.3f", got.AUC, base.AUC)
	}
	if got.DaysEarlierMean <= base.DaysEarlierMean {
		t.Errorf("ranker finds criticals %.2f days earlier, baseline %.2f", got.DaysEarlierMean, base.DaysEarlierMean)
	}
	if got.DaysEarlierMean < floorDaysEarlier || got.FirstHalfGain < floorFirstHalfGain {
		t.Errorf("ranker: %.2f days earlier and %+.1f%% in the first half, floors %.1f days and %+.0f%%",
			got.DaysEarlierMean, 100*got.FirstHalfGain, floorDaysEarlier, 100*floorFirstHalfGain)
	}
}

// mustBacktest scores each window of eval as on its first day and back-tests the scores.
func mustBacktest(tb testing.TB, r *Ranker, eval []Inspection) Result {
	tb.Helper()
	scores, err := r.ScoreWindows(eval, DefaultWindowDays)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := Backtest(ScoredInspections(eval, scores), DefaultWindowDays)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestCorpusRollingBacktest evaluates the way the ranker would be run: before each 60-day
// window it is retrained on everything inspected before that window (Chicago's own test
// period began right after its training data). The figures are pooled over all windows from
// evalCut on and logged for the report; the ranker must beat the baseline retrained the same way.
func TestCorpusRollingBacktest(t *testing.T) {
	if testing.Short() || raceDetector {
		// The package starts no goroutine, so -race finds nothing here but makes the eight
		// trainings ten times slower.
		t.Skip("retrains once per window; skipped with -short and under -race")
	}
	train, eval := readCorpusSplit(t)
	got := rollingBacktest(t, train, eval, Train)
	base := rollingBacktest(t, train, eval, TrainChicagoBaseline)
	for name, r := range map[string]Result{"ranker": got, "baseline": base} {
		t.Logf("rolling %s: %.2f days earlier (median %.1f), first half %+.1f%%, AUC %.3f, precision@10%% %.3f, delayed %.1f%%",
			name, r.DaysEarlierMean, r.DaysEarlierMedian, 100*r.FirstHalfGain, r.AUC, r.PrecisionAt10, 100*r.DelayedShare)
	}
	if got.DaysEarlierMean <= base.DaysEarlierMean {
		t.Errorf("rolling: ranker %.2f days earlier, baseline %.2f", got.DaysEarlierMean, base.DaysEarlierMean)
	}
}

// rollingBacktest scores each window of eval with a model trained on train plus the windows
// before it, then back-tests the pooled scores.
func rollingBacktest(tb testing.TB, train, eval []Inspection, fit func([]Inspection) (*Ranker, error)) Result {
	tb.Helper()
	byID := map[string]Inspection{}
	for _, in := range eval {
		byID[in.ID] = in
	}
	history := append([]Inspection(nil), train...)
	var pooled []Scored
	for _, w := range splitWindows(ScoredInspections(eval, make([]Score, len(eval))), DefaultWindowDays) {
		window := make([]Inspection, len(w))
		for i, s := range w {
			window[i] = byID[s.ID]
		}
		r, err := fit(history)
		if err != nil {
			tb.Fatal(err)
		}
		pooled = append(pooled, ScoredInspections(window, r.Score(window))...)
		history = append(history, window...)
	}
	res, err := Backtest(pooled, DefaultWindowDays)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}
