package calendar

import (
	"fmt"
	"time"
)

// BeyondCoverageError (超出日历范围) says that a computation relied on a date after the last
// day the calendar covers. The value returned with it is still computed, by the plain
// Monday–Friday rule, and is usable; the error is a loud warning, not a failure. It wraps nothing.
type BeyondCoverageError struct {
	Date        time.Time // the latest date the computation relied on
	LastCovered time.Time // the calendar's LastCoveredDay
}

func (e *BeyondCoverageError) Error() string {
	return fmt.Sprintf("calendar: %s is past the working-day calendar, which only covers up to %s; "+
		"the result assumes no holidays after that (add the next State Council holiday notice)",
		e.Date.Format(time.DateOnly), e.LastCovered.Format(time.DateOnly))
}

// check returns a *BeyondCoverageError when d lies after the last covered day.
func (c *Calendar) check(d day) error {
	if d <= c.last {
		return nil
	}
	return &BeyondCoverageError{Date: d.time(), LastCovered: c.last.time()}
}

// AddWorkingDays returns the date n working days after from (from itself not counted); a
// negative n counts backwards. n = 0 returns from when it is a working day, else the next
// working day, since nothing falls due on a day off. The error is nil or a
// *BeyondCoverageError, and in the latter case the date is still valid.
func (c *Calendar) AddWorkingDays(from time.Time, n int) (time.Time, error) {
	start := dayOf(from)
	end := c.step(start, n)
	return end.time(), c.check(max(start, end))
}

func (c *Calendar) step(d day, n int) day {
	if n == 0 {
		for !c.isWorking(d) {
			d++
		}
		return d
	}
	dir := day(1)
	if n < 0 {
		dir, n = -1, -n
	}
	for n > 0 {
		d += dir
		if c.isWorking(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days in (from, to]; when to is before from it is
// minus the count in (to, from]. Hence WorkingDaysBetween(from, AddWorkingDays(from, n)) == n
// whenever from is a working day. The error is as for AddWorkingDays: the count stays valid.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) (int, error) {
	a, b := dayOf(from), dayOf(to)
	err := c.check(max(a, b))
	if b < a {
		return -c.count(b, a), err
	}
	return c.count(a, b), err
}

// count returns the number of working days in (a, b], for a <= b.
func (c *Calendar) count(a, b day) int {
	n := 0
	for d := a + 1; d <= b; d++ {
		if c.isWorking(d) {
			n++
		}
	}
	return n
}
