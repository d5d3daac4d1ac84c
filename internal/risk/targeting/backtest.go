package targeting

import (
	"errors"
	"math"
	"sort"
	"time"
)

// Scored is an inspection that was actually done, with the ranker's score.
type Scored struct {
	ID       string
	Date     time.Time
	Critical bool
	Score    float64
}

// DefaultWindowDays is Chicago's evaluation period: two months of inspections re-ordered at once.
const DefaultWindowDays = 60

// Backtest replays the evaluation period the way the City of Chicago measured its model: the
// period is cut into consecutive windows of windowDays from its first inspection; within each
// window the inspections actually done are re-ordered by score, highest first, onto the same
// dates (so each day keeps the number of inspections it had), and each inspection's simulated
// date is compared with its actual date. Equal scores keep their actual order.
func Backtest(rows []Scored, windowDays int) (Result, error) {
	if windowDays < 1 {
		return Result{}, errors.New("window must be at least 1 day")
	}
	if len(rows) == 0 {
		return Result{}, errors.New("no inspections to back-test")
	}
	res := Result{WindowDays: windowDays, Inspections: len(rows)}
	var earlier []float64
	var firstActual, firstSimulated int
	for _, w := range splitWindows(rows, windowDays) {
		ws := simulateWindow(w)
		res.Windows = append(res.Windows, ws.summary)
		earlier = append(earlier, ws.daysEarlier...)
		firstActual += ws.summary.FirstHalfActual
		firstSimulated += ws.summary.FirstHalfSimulated
	}
	res.Criticals = len(earlier)
	res.FirstHalfActual, res.FirstHalfSimulated = firstActual, firstSimulated
	res.DaysEarlierMean, res.DaysEarlierMedian = Figure(mean(earlier)), Figure(median(earlier))
	res.FirstHalfGain = Figure(relativeGain(firstSimulated, firstActual))
	res.DelayedShare = Figure(shareBelowZero(earlier))
	scores, critical := make([]float64, len(rows)), make([]bool, len(rows))
	for i, r := range rows {
		scores[i], critical[i] = r.Score, r.Critical
	}
	res.AUC = Figure(AUC(scores, critical))
	res.PrecisionAt10 = Figure(PrecisionAtShare(scores, critical, 0.10))
	return res, nil
}

// splitWindows groups rows into consecutive windows of days counted from the earliest date;
// windows without inspections are skipped.
func splitWindows(rows []Scored, days int) [][]Scored {
	dates := make([]time.Time, len(rows))
	for i, r := range rows {
		dates[i] = r.Date
	}
	start := earliest(dates)
	byWindow := map[int][]Scored{}
	last := 0
	for _, r := range rows {
		k := windowIndex(start, r.Date, days)
		byWindow[k] = append(byWindow[k], r)
		last = max(last, k)
	}
	var out [][]Scored
	for k := 0; k <= last; k++ {
		if len(byWindow[k]) > 0 {
			out = append(out, byWindow[k])
		}
	}
	return out
}

func daysBetween(from, to time.Time) float64 {
	return math.Round(to.Sub(from).Hours() / 24)
}

// relativeGain is simulated/actual − 1 (Chicago's "+25 %"); NaN when nothing was found in the
// actual first half.
func relativeGain(simulated, actual int) float64 {
	if actual == 0 {
		return math.NaN()
	}
	return float64(simulated)/float64(actual) - 1
}

func shareBelowZero(values []float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	n := 0
	for _, v := range values {
		if v < 0 {
			n++
		}
	}
	return float64(n) / float64(len(values))
}

// byActualOrder sorts rows by actual date, then ID, so equal scores keep business as usual.
func byActualOrder(rows []Scored) {
	sort.SliceStable(rows, func(a, b int) bool {
		if !rows[a].Date.Equal(rows[b].Date) {
			return rows[a].Date.Before(rows[b].Date)
		}
		return rows[a].ID < rows[b].ID
	})
}

// ScoredInspections pairs inspections with their scores (same order) for Backtest.
func ScoredInspections(ins []Inspection, scores []Score) []Scored {
	out := make([]Scored, len(ins))
	for i, in := range ins {
		out[i] = Scored{ID: in.ID, Date: in.Date, Critical: in.Critical, Score: scores[i].Probability}
	}
	return out
}
