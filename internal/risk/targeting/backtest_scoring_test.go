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
		if want := r.Score([]Inspection{asOf})[0].Probability; got[i].Probability != want {
			t.Fatalf("%s on %s: score %v, want %v as on %s", in.ID, in.Date.Format(time.DateOnly), got[i].Probability, want, asOf.scoredAt.Format(time.DateOnly))
		}
		if r.Score([]Inspection{in})[0].Probability != got[i].Probability {
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
