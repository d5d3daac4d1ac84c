package calendar

import (
	"testing"
	"time"
)

func TestDeadline(t *testing.T) {
	c := Default()
	d := c.Deadline(time.Date(2025, 9, 26, 17, 45, 0, 0, shanghai), 20)
	want := Deadline{Start: date(2025, 9, 26), WorkingDays: 20, Due: date(2025, 10, 30)}
	if d != want {
		t.Fatalf("Deadline = %+v, want %+v", d, want)
	}
	tests := []struct {
		today time.Time
		want  int
	}{
		{date(2025, 9, 26), 20},
		{date(2025, 10, 5), 17}, // inside the holiday block
		{date(2025, 10, 30), 0},
		{date(2025, 10, 31), -1},
		{date(2025, 11, 3), -2},
	}
	for _, tt := range tests {
		t.Run(tt.today.Format(time.DateOnly), func(t *testing.T) {
			if got := d.Remaining(c, tt.today); got != tt.want {
				t.Errorf("Remaining = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDeadlineBeyondCoverage(t *testing.T) {
	d := Default().Deadline(date(2026, 12, 28), 10)
	if !d.BeyondCoverage || !d.Due.Equal(date(2027, 1, 11)) {
		t.Errorf("Deadline = %+v, want Due 2027-01-11 and BeyondCoverage", d)
	}
}
