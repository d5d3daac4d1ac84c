package app

import (
	"log/slog"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// calendarHorizon is how far ahead deadlines reach (the longest legal deadlines are a few
// months); the server warns at start when the working-day calendar ends sooner.
const calendarHorizon = 120 * 24 * time.Hour

// warnCalendarCoverage logs a warning when the embedded calendar ends within the horizon,
// so that an operator adds the next State Council holiday notice in time.
func warnCalendarCoverage(now time.Time) bool {
	last := calendar.Default().LastCoveredDay()
	if now.Add(calendarHorizon).Before(last) {
		return false
	}
	slog.Warn("the working-day calendar ends soon: deadlines after its last day assume no holidays; add the next State Council holiday notice",
		"last_covered_day", last.Format(time.DateOnly), "days_left", int(last.Sub(now).Hours()/24))
	return true
}
