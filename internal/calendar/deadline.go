package calendar

import (
	"errors"
	"time"
)

// Deadline (期限) is a due date counted in working days, as the law's "N个工作日内" requires.
type Deadline struct {
	Start          time.Time // civil date the period runs from (not itself counted)
	WorkingDays    int       // length of the period in working days
	Due            time.Time // last day of the period
	BeyondCoverage bool      // Due was computed past the calendar's coverage: holidays not known
}

// Deadline computes the due date workingDays working days after start (see AddWorkingDays).
// Past coverage it still returns a due date and sets BeyondCoverage instead of failing.
func (c *Calendar) Deadline(start time.Time, workingDays int) Deadline {
	due, err := c.AddWorkingDays(start, workingDays)
	var beyond *BeyondCoverageError
	return Deadline{
		Start:          dayOf(start).time(),
		WorkingDays:    workingDays,
		Due:            due,
		BeyondCoverage: errors.As(err, &beyond),
	}
}

// Remaining returns the working days left from today to Due: 0 on the due day, negative
// (working days overdue) after it. Past coverage it counts by the weekday rule without warning.
func (d Deadline) Remaining(c *Calendar, today time.Time) int {
	n, _ := c.WorkingDaysBetween(today, d.Due)
	return n
}
