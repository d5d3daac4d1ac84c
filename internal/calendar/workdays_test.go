package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name   string
		from   time.Time
		n      int
		want   time.Time
		beyond bool
	}{
		{"20 across 国庆 2025", date(2025, 9, 26), 20, date(2025, 10, 30), false},
		{"onto a make-up Saturday", date(2026, 2, 13), 1, date(2026, 2, 14), false},
		{"zero on a working day", date(2026, 3, 9), 0, date(2026, 3, 9), false},
		{"zero on a holiday rolls forward", date(2026, 10, 1), 0, date(2026, 10, 8), false},
		{"backwards over 国庆 2026", date(2026, 10, 8), -1, date(2026, 9, 30), false},
		{"backwards over 春节 2026", date(2026, 2, 24), -1, date(2026, 2, 14), false},
		{"last covered day", date(2026, 12, 30), 1, date(2026, 12, 31), false},
		{"into 2027", date(2026, 12, 30), 3, date(2027, 1, 4), true},
		{"backwards from 2027", date(2027, 3, 1), -5, date(2027, 2, 22), true},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkingDays(tt.from, tt.n)
			if !got.Equal(tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from.Format(time.DateOnly), tt.n, got, tt.want)
			}
			checkBeyond(t, err, tt.beyond)
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to time.Time
		want     int
		beyond   bool
	}{
		{"across 国庆 2025", date(2025, 9, 26), date(2025, 10, 30), 20, false},
		{"reversed", date(2025, 10, 30), date(2025, 9, 26), -20, false},
		{"same day", date(2026, 10, 1), date(2026, 10, 1), 0, false},
		{"over a holiday block", date(2026, 9, 30), date(2026, 10, 8), 1, false},
		{"into 2027", date(2026, 12, 31), date(2027, 1, 8), 6, true},
		{"from 2027 backwards", date(2027, 1, 8), date(2026, 12, 31), -6, true},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.WorkingDaysBetween(tt.from, tt.to)
			if got != tt.want {
				t.Errorf("WorkingDaysBetween = %d, want %d", got, tt.want)
			}
			checkBeyond(t, err, tt.beyond)
		})
	}
}

// TestRoundTrip checks the two functions against each other on every working day covered.
func TestRoundTrip(t *testing.T) {
	c := Default()
	for from := date(2021, 2, 1); from.Before(date(2026, 11, 1)); from = from.AddDate(0, 0, 1) {
		if !c.IsWorkingDay(from) {
			continue
		}
		for n := -20; n <= 20; n++ {
			to, _ := c.AddWorkingDays(from, n)
			if got, _ := c.WorkingDaysBetween(from, to); got != n {
				t.Fatalf("from %s: AddWorkingDays(%d) = %s, WorkingDaysBetween = %d",
					from.Format(time.DateOnly), n, to.Format(time.DateOnly), got)
			}
		}
	}
}

func TestBeyondCoverageError(t *testing.T) {
	_, err := Default().AddWorkingDays(date(2026, 12, 30), 3)
	var beyond *BeyondCoverageError
	if !errors.As(err, &beyond) {
		t.Fatalf("err = %v, want *BeyondCoverageError", err)
	}
	if !beyond.Date.Equal(date(2027, 1, 4)) || !beyond.LastCovered.Equal(date(2026, 12, 31)) {
		t.Errorf("fields = %s, %s; want 2027-01-04, 2026-12-31", beyond.Date, beyond.LastCovered)
	}
	for _, part := range []string{"2027-01-04", "only covers up to 2026-12-31", "assumes no holidays", "State Council"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("message %q lacks %q", err, part)
		}
	}
	if errors.Unwrap(err) != nil {
		t.Errorf("BeyondCoverageError wraps %v, want nothing", errors.Unwrap(err))
	}
}

func checkBeyond(tb testing.TB, err error, want bool) {
	tb.Helper()
	var beyond *BeyondCoverageError
	if got := errors.As(err, &beyond); got != want || (err != nil && !got) {
		tb.Errorf("err = %v, want BeyondCoverageError: %v", err, want)
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default()
	from := date(2025, 9, 26)
	for b.Loop() {
		if _, err := c.AddWorkingDays(from, 20); err != nil {
			b.Fatal(err)
		}
	}
}
