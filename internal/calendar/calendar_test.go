package calendar

import (
	"strconv"
	"testing"
	"time"
)

// date is a civil date at midnight UTC, the form the package returns.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var shanghai = time.FixedZone("CST", 8*60*60)

func TestYearTotals(t *testing.T) {
	c := Default()
	for year, want := range map[int]int{2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248} {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			got := 0
			for d := date(year, 1, 1); d.Year() == year; d = d.AddDate(0, 0, 1) {
				if c.IsWorkingDay(d) {
					got++
				}
			}
			if got != want {
				t.Errorf("IsWorkingDay count = %d, want %d", got, want)
			}
			between, err := c.WorkingDaysBetween(date(year-1, 12, 31), date(year, 12, 31))
			if between != want || err != nil {
				t.Errorf("WorkingDaysBetween = %d, %v; want %d, nil", between, err, want)
			}
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		name string
		d    time.Time
		want bool
	}{
		{"2026 春节 make-up Saturday", date(2026, 2, 14), true},
		{"2026 国庆节 Thursday", date(2026, 10, 1), false},
		{"2025 国庆节、中秋节 Wednesday", date(2025, 10, 8), false},
		{"2024 除夕 is not a holiday", date(2024, 2, 9), true},
		{"2023 元旦 block weekend in 2023", date(2023, 12, 30), false},
		{"plain Saturday", date(2026, 3, 7), false},
		{"plain Monday", date(2026, 3, 9), true},
		{"clock ignored", time.Date(2026, 2, 14, 23, 59, 59, 0, time.UTC), true},
		{"own location, not UTC (UTC is 09-30, a working day)", time.Date(2026, 10, 1, 1, 0, 0, 0, shanghai), false},
		{"past coverage, weekday rule", date(2027, 1, 1), true},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsWorkingDay(tt.d); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

func TestHoliday(t *testing.T) {
	tests := []struct {
		d      time.Time
		name   string
		wantOK bool
	}{
		{date(2026, 10, 1), "国庆节", true},
		{date(2025, 10, 6), "国庆节、中秋节", true},
		{date(2022, 12, 31), "元旦", true},
		{date(2026, 2, 14), "", false}, // make-up workday
		{date(2026, 3, 9), "", false},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.d.Format(time.DateOnly), func(t *testing.T) {
			name, ok := c.Holiday(tt.d)
			if name != tt.name || ok != tt.wantOK {
				t.Errorf("Holiday = %q, %v; want %q, %v", name, ok, tt.name, tt.wantOK)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	c := Default()
	if got := c.LastCoveredDay(); !got.Equal(date(2026, 12, 31)) {
		t.Errorf("LastCoveredDay = %s, want 2026-12-31", got)
	}
	for d, want := range map[time.Time]bool{
		date(2020, 12, 31): false,
		date(2021, 1, 1):   true,
		date(2026, 12, 31): true,
		date(2027, 1, 1):   false,
	} {
		if got := c.Covers(d); got != want {
			t.Errorf("Covers(%s) = %v, want %v", d.Format(time.DateOnly), got, want)
		}
	}
}
