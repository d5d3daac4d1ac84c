package targeting

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func day(n int) time.Time {
	return time.Date(2013, 1, 1+n, 0, 0, 0, 0, time.UTC)
}

// TestBacktestHandWorked replays one window of six inspections, two a day over three days:
//
//	actual:    day 0: A (critical, .1), B (.2)   day 1: C (.3), D (critical, .9)   day 2: E (critical, .8), F (.4)
//	by score:  D E | F C | B A  onto the slots day 0, 0, 1, 1, 2, 2
//
// D moves 1 day earlier, E 2 days earlier, A 2 days later: mean 1/3, median 1, one of three
// delayed. The first half (days whose running count stays below 3) is day 0: one critical there
// actually (A), two simulated (D, E), a gain of +100 %.
func TestBacktestHandWorked(t *testing.T) {
	rows := []Scored{
		{"A", day(0), true, 0.1}, {"B", day(0), false, 0.2},
		{"C", day(1), false, 0.3}, {"D", day(1), true, 0.9},
		{"E", day(2), true, 0.8}, {"F", day(2), false, 0.4},
	}
	res, err := Backtest(rows, 60)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{
		"days earlier mean":   {float64(res.DaysEarlierMean), 1.0 / 3},
		"days earlier median": {float64(res.DaysEarlierMedian), 1},
		"first half gain":     {float64(res.FirstHalfGain), 1},
		"delayed share":       {float64(res.DelayedShare), 1.0 / 3},
		"AUC":                 {float64(res.AUC), 6.0 / 9}, // .9 and .8 beat all three negatives, .1 none
		"precision at 10 %":   {float64(res.PrecisionAt10), 1},
	}
	for name, gw := range want {
		if math.Abs(gw[0]-gw[1]) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, gw[0], gw[1])
		}
	}
	if res.FirstHalfActual != 1 || res.FirstHalfSimulated != 2 || res.Criticals != 3 || len(res.Windows) != 1 {
		t.Errorf("counts: first half %d → %d, criticals %d, windows %d; want 1 → 2, 3, 1",
			res.FirstHalfActual, res.FirstHalfSimulated, res.Criticals, len(res.Windows))
	}
}

// TestBacktestFirstHalfIsBeforeTheMedianDate: the first half is the days before the window's
// median inspection date, as in Chicago's evaluation (Inspection_Date < median(Inspection_Date)).
// With an even count whose middle two inspections fall on different days the median lies
// between them, so the earlier of those days is wholly in the first half; a day holding the
// median inspection is in neither half.
func TestBacktestFirstHalfIsBeforeTheMedianDate(t *testing.T) {
	for _, c := range []struct {
		name                      string
		rows                      []Scored
		wantActual, wantSimulated int
	}{
		{
			// One a day over four days: the median falls between days 1 and 2. b (critical, day 1)
			// is in the first half actually; by score d and b go to days 0 and 1.
			name: "even count, middle two on different days",
			rows: []Scored{
				{"a", day(0), false, 0.1}, {"b", day(1), true, 0.8},
				{"c", day(2), false, 0.3}, {"d", day(3), true, 0.9},
			},
			wantActual: 1, wantSimulated: 2,
		},
		{
			// Days 1 and 2 hold the middle two of four, both on day 1: only day 0 is before it.
			name: "even count, middle two on one day",
			rows: []Scored{
				{"a", day(0), false, 0.1}, {"b", day(1), true, 0.8},
				{"c", day(1), false, 0.3}, {"d", day(2), true, 0.9},
			},
			wantActual: 0, wantSimulated: 1,
		},
		{
			// Five over five days: the median is day 2, which belongs to neither half.
			name: "odd count",
			rows: []Scored{
				{"a", day(0), false, 0.1}, {"b", day(1), true, 0.8}, {"c", day(2), true, 0.3},
				{"d", day(3), false, 0.2}, {"e", day(4), true, 0.9},
			},
			wantActual: 1, wantSimulated: 2,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Backtest(c.rows, 60)
			if err != nil {
				t.Fatal(err)
			}
			if res.FirstHalfActual != c.wantActual || res.FirstHalfSimulated != c.wantSimulated {
				t.Errorf("first half %d → %d, want %d → %d", res.FirstHalfActual, res.FirstHalfSimulated, c.wantActual, c.wantSimulated)
			}
		})
	}
}

// TestBacktestWindowsKeepInspectionsInside checks that a window boundary is never crossed: with
// 2-day windows the critical on day 3 can move to day 2 at most, not to day 0.
func TestBacktestWindowsKeepInspectionsInside(t *testing.T) {
	rows := []Scored{
		{"a", day(0), false, 0.1}, {"b", day(1), false, 0.2},
		{"c", day(2), false, 0.3}, {"d", day(3), true, 0.9},
	}
	res, err := Backtest(rows, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Windows) != 2 || res.DaysEarlierMean != 1 {
		t.Errorf("windows %d, days earlier %v; want 2 windows and 1 day", len(res.Windows), res.DaysEarlierMean)
	}
	res, err = Backtest(rows, 60)
	if err != nil {
		t.Fatal(err)
	}
	if res.DaysEarlierMean != 3 {
		t.Errorf("one 60-day window: days earlier %v, want 3", res.DaysEarlierMean)
	}
}

// TestBacktestTiesKeepActualOrder: a model that cannot tell inspections apart changes nothing.
func TestBacktestTiesKeepActualOrder(t *testing.T) {
	rows := []Scored{{"a", day(0), true, 0.5}, {"b", day(1), false, 0.5}, {"c", day(2), true, 0.5}, {"d", day(3), false, 0.5}}
	res, err := Backtest(rows, 60)
	if err != nil {
		t.Fatal(err)
	}
	if res.DaysEarlierMean != 0 || res.DelayedShare != 0 || res.FirstHalfGain != 0 {
		t.Errorf("tied scores moved inspections: %+v", res)
	}
}

func TestBacktestRefuses(t *testing.T) {
	if _, err := Backtest(nil, 60); err == nil {
		t.Error("empty evaluation accepted")
	}
	if _, err := Backtest([]Scored{{"a", day(0), true, 1}}, 0); err == nil || !strings.Contains(err.Error(), "window") {
		t.Errorf("window 0: err = %v", err)
	}
}

// TestResultJSON: the published keys are present and an undefined figure is null, not an error.
func TestResultJSON(t *testing.T) {
	res, err := Backtest([]Scored{{"a", day(0), false, 1}, {"b", day(1), false, 0}}, 60)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"days_earlier_mean", "days_earlier_median", "first_half_gain", "auc", "precision_at_10pct", "delayed_share"} {
		v, ok := got[key]
		if !ok {
			t.Errorf("key %s missing from %s", key, data)
		}
		if key != "precision_at_10pct" && v != nil {
			t.Errorf("%s = %v without any critical finding, want null", key, v)
		}
	}
}
