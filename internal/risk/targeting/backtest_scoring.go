package targeting

import (
	"errors"
	"time"
)

// ScoreWindows scores inspections for a back-test, each with what was known on the first day
// of its window (windows cut as Backtest cuts them): the training table and the findings of the
// inspections given that were made before that day, as a schedule drawn up then would have had
// them. Backtest re-orders a whole window at once, so a score that read outcomes recorded
// inside the window, between its first day and the inspection's, could move the inspection
// ahead on news a schedule drawn up beforehand would not have had: a critical finding next door
// on day 40 would bring forward to day 1 an inspection really made on day 41.
func (r *Ranker) ScoreWindows(ins []Inspection, windowDays int) ([]Score, error) {
	if windowDays < 1 {
		return nil, errors.New("window must be at least 1 day")
	}
	if len(ins) == 0 {
		return nil, nil
	}
	dates := make([]time.Time, len(ins))
	for i, in := range ins {
		dates[i] = in.Date
	}
	start := earliest(dates)
	asOf := make([]Inspection, len(ins))
	for i, in := range ins {
		in.scoredAt = start.AddDate(0, 0, windowIndex(start, in.Date, windowDays)*windowDays)
		asOf[i] = in
	}
	return r.score(asOf, ins), nil
}

// windowIndex is the window a date falls in, counting windows of days from start.
func windowIndex(start, date time.Time, days int) int {
	return int(daysBetween(start, date)) / days
}

func earliest(dates []time.Time) time.Time {
	first := dates[0]
	for _, d := range dates {
		if d.Before(first) {
			first = d
		}
	}
	return first
}
