package targeting

import (
	"testing"
	"time"
)

// TestScoreWindowsScoresOnTheWindowsFirstDay: every inspection is scored as on the first day of
// its window, counted from the earliest inspection, so training rows recorded inside the window
// cannot lift it; scored on its own day, a later inspection of the window would see them.
func TestScoreWindowsScoresOnTheWindowsFirstDay(t *testing.T) {
	train := append(mustSynthetic(t, 300, 1), mustSynthetic(t, 240, 3)...) // early 2012 and January 2013
	eval := mustSynthetic(t, 160, 2)[40:]                                  // 2013-01-06 to 2013-01-20
	r, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	const window = 7
	got, err := r.ScoreWindows(eval, window)
	if err != nil {
		t.Fatal(err)
	}
	first := eval[0].Date
	differs := 0
	for i, in := range eval {
		asOf := in
		asOf.scoredAt = first.AddDate(0, 0, window*int(in.Date.Sub(first)/(window*24*time.Hour)))
		if want := r.score([]Inspection{asOf}, eval)[0].Probability; got[i].Probability != want {
			t.Fatalf("%s on %s: score %v, want %v as on %s", in.ID, in.Date.Format(time.DateOnly), got[i].Probability, want, asOf.scoredAt.Format(time.DateOnly))
		}
		if r.score([]Inspection{in}, eval)[0].Probability != got[i].Probability {
			differs++
		}
	}
	if differs == 0 {
		t.Error("scores as on the window's first day equal scores on the inspection's own day: the test shows nothing")
	}
	if _, err := r.ScoreWindows(eval, 0); err == nil {
		t.Error("window of 0 days accepted")
	}
}

// TestScoreWindowsReadsOnlyEarlierFindings: the findings of the evaluated inspections made
// before a window's first day move its scores, as they would a schedule drawn up that day;
// those made on or after it, the window's own included, do not.
func TestScoreWindowsReadsOnlyEarlierFindings(t *testing.T) {
	train := mustSynthetic(t, 400, 1)
	eval := mustSynthetic(t, 240, 2) // about a month from 2013-01-01
	for i := range eval {
		// Synthetic tables number their rows alike: other inspections of other businesses.
		eval[i].ID, eval[i].License = "e"+eval[i].ID, "e"+eval[i].License
	}
	r, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	const window = 14
	base, err := r.ScoreWindows(eval, window)
	if err != nil {
		t.Fatal(err)
	}
	second := eval[0].Date.AddDate(0, 0, window) // the second window's first day
	inSecond := func(in Inspection) bool {
		return !in.Date.Before(second) && in.Date.Before(second.AddDate(0, 0, window))
	}
	for _, c := range []struct {
		name      string
		flip      func(in Inspection) bool
		wantMoved bool
	}{
		{"findings from its first day on", func(in Inspection) bool { return !in.Date.Before(second) }, false},
		{"findings of the window before", func(in Inspection) bool { return in.Date.Before(second) }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			flipped := append([]Inspection(nil), eval...)
			for i, in := range flipped {
				if c.flip(in) {
					flipped[i].Critical = !in.Critical
				}
			}
			got, err := r.ScoreWindows(flipped, window)
			if err != nil {
				t.Fatal(err)
			}
			moved := false
			for i, in := range eval {
				if inSecond(in) {
					moved = moved || got[i].Probability != base[i].Probability
				}
			}
			if moved != c.wantMoved {
				t.Errorf("scores of the second window moved = %v, want %v", moved, c.wantMoved)
			}
		})
	}
}
