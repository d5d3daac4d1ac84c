package targeting

import (
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"
)

func randomHalves(all []Inspection, seed uint64) (a, b []Inspection) {
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	for k, i := range idx {
		if k < len(idx)/2 {
			a = append(a, all[i])
		} else {
			b = append(b, all[i])
		}
	}
	sort.SliceStable(a, func(i, j int) bool { return a[i].Date.Before(a[j].Date) })
	sort.SliceStable(b, func(i, j int) bool { return b[i].Date.Before(b[j].Date) })
	return a, b
}

type expModel struct {
	name string
	fit  func([]Inspection) (*Ranker, error)
}

func expModels() []expModel {
	return []expModel{
		{"ranker", Train},
		{"lambda30-100", func(tr []Inspection) (*Ranker, error) {
			return trainBest(tr, rankerSpecs(), []candidate{logisticCandidate(30), logisticCandidate(100), logisticCandidate(300)})
		}},
		{"small", func(tr []Inspection) (*Ranker, error) {
			return trainBest(tr, []featureSpec{{fixed: pick(rankerFeatures, "pastCritical", "pastSerious", "pastMinor", "timeSinceLast", "risk:1 (High)", "facility:Restaurant", "consumption_on_premises_incidental_activity", "heat_burglary", "heat_sanitation"), history: rankerSpecs()[0].history}}, candidates())
		}},
	}
}

func TestExperiment(t *testing.T) {
	if os.Getenv("TGX") == "" {
		t.Skip()
	}
	all, err := ReadFile(corpusTable)
	if err != nil {
		t.Fatal(err)
	}
	train, eval := readCorpusSplit(t)
	for _, m := range expModels() {
		start := time.Now()
		var days, gains, aucs []float64
		for seed := uint64(1); seed <= 5; seed++ {
			a, b := randomHalves(all, seed)
			r, err := m.fit(a)
			if err != nil {
				t.Fatal(err)
			}
			res := mustBacktest(t, r, b)
			days = append(days, float64(res.DaysEarlierMean))
			gains = append(gains, float64(res.FirstHalfGain))
			aucs = append(aucs, float64(res.AUC))
			t.Logf("  %s seed %d: %s cv %.3f | %.2f d, %+.1f%%, auc %.3f", m.name, seed, r.Model, r.CVAUC, res.DaysEarlierMean, 100*res.FirstHalfGain, res.AUC)
		}
		r, err := m.fit(train)
		if err != nil {
			t.Fatal(err)
		}
		ts := mustBacktest(t, r, eval)
		t.Logf("%-10s random: %.2f d (%.2f–%.2f), %+.1f%% (%+.1f–%+.1f), auc %.3f | time: %.2f d, %+.1f%%, auc %.3f | %s",
			m.name, mean(days), minOf(days), maxOf(days), 100*mean(gains), 100*minOf(gains), 100*maxOf(gains), mean(aucs),
			ts.DaysEarlierMean, 100*ts.FirstHalfGain, ts.AUC, time.Since(start).Round(time.Millisecond))
	}
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func pick(fs []feature, names ...string) []feature {
	var out []feature
	for _, f := range fs {
		for _, n := range names {
			if f.name == n {
				out = append(out, f)
			}
		}
	}
	return out
}
