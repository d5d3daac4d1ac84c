package app

import (
	"testing"
	"time"
)

func TestWarnCalendarCoverage(t *testing.T) {
	tests := []struct {
		now  time.Time
		warn bool
	}{
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := warnCalendarCoverage(tt.now); got != tt.warn {
			t.Errorf("at %s: warned %v, want %v", tt.now.Format(time.DateOnly), got, tt.warn)
		}
	}
}
