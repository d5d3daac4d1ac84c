// Package calendar knows the official working days (工作日) of mainland China — the State
// Council's public holidays and make-up working days (调休上班) — and counts deadlines in them.
package calendar

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"
)

//go:embed cn-workday-calendar.csv
var embeddedCSV string

// Calendar (工作日历) holds the days that the State Council's annual notices take out of, or
// add to, the plain Monday–Friday week. A Calendar is read-only and safe for concurrent use.
type Calendar struct {
	rows        map[day]row
	first, last day // first and last covered day: whole years from the first to the last row
}

type kind uint8

const (
	holiday kind = iota + 1 // an off day of a holiday block (放假)
	workday                 // a weekend day made a working day (调休上班)
)

type row struct {
	kind kind
	name string
	line int // line in the source file, for error messages
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := Parse(strings.NewReader(embeddedCSV))
	if err != nil {
		panic(fmt.Sprintf("calendar: embedded cn-workday-calendar.csv: %v", err))
	}
	return c
})

// Default returns the national calendar embedded in the binary (notices 2021–2026).
func Default() *Calendar { return defaultCalendar() }

// IsWorkingDay reports whether d's civil date is a working day: it has a make-up workday
// row, or it is Monday–Friday without a holiday row. Past coverage only the weekday rule applies.
func (c *Calendar) IsWorkingDay(d time.Time) bool { return c.isWorking(dayOf(d)) }

func (c *Calendar) isWorking(d day) bool {
	if r, ok := c.rows[d]; ok {
		return r.kind == workday
	}
	return !d.isWeekend()
}

// Holiday returns the festival name (e.g. 国庆节) when d is an off day of a holiday block,
// weekends inside the block included. A make-up workday is not a holiday.
func (c *Calendar) Holiday(d time.Time) (name string, ok bool) {
	r, found := c.rows[dayOf(d)]
	if !found || r.kind != holiday {
		return "", false
	}
	return r.name, true
}

// Covers reports whether d falls in the years the calendar has notices for, so that its
// working-day status is settled rather than assumed.
func (c *Calendar) Covers(d time.Time) bool {
	x := dayOf(d)
	return c.first <= x && x <= c.last
}

// LastCoveredDay is 31 December of the last year with rows (2026-12-31 for Default).
func (c *Calendar) LastCoveredDay() time.Time { return c.last.time() }
