package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

var header = []string{"date", "kind", "name"}

// Parse reads a calendar in the format of cn-workday-calendar.csv (header date,kind,name; one
// row per exception date). Errors name the offending line.
func Parse(r io.Reader) (*Calendar, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("calendar: header: %w", err)
	}
	if !slices.Equal(head, header) {
		return nil, fmt.Errorf("calendar: line 1: header is %q, want %q", head, header)
	}
	c := &Calendar{rows: make(map[day]row)}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("calendar: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if err := c.add(rec, line); err != nil {
			return nil, fmt.Errorf("calendar: line %d: %w", line, err)
		}
	}
	if err := c.setCoverage(); err != nil {
		return nil, err
	}
	return c, nil
}

// add checks one row and records it.
func (c *Calendar) add(rec []string, line int) error {
	t, err := time.Parse(time.DateOnly, rec[0])
	if err != nil {
		return fmt.Errorf("bad date %q, want YYYY-MM-DD", rec[0])
	}
	d := dayOf(t)
	if prev, dup := c.rows[d]; dup {
		return fmt.Errorf("duplicate date %s (first on line %d)", d, prev.line)
	}
	k, err := parseKind(rec[1])
	if err != nil {
		return err
	}
	if k == workday && !d.isWeekend() {
		return fmt.Errorf("workday %s is a %s, but a make-up workday must be a Saturday or Sunday", d, d.weekday())
	}
	if rec[2] == "" {
		return fmt.Errorf("empty name for %s", d)
	}
	c.rows[d] = row{kind: k, name: rec[2], line: line}
	return nil
}

func parseKind(s string) (kind, error) {
	switch s {
	case "holiday":
		return holiday, nil
	case "workday":
		return workday, nil
	}
	return 0, fmt.Errorf("unknown kind %q, want holiday or workday", s)
}

// setCoverage spans whole years, from 1 January of the first row's year to 31 December of
// the last row's year.
func (c *Calendar) setCoverage() error {
	if len(c.rows) == 0 {
		return errors.New("calendar: no rows")
	}
	lo, hi := day(1<<62), day(-1<<62)
	for d := range c.rows {
		lo, hi = min(lo, d), max(hi, d)
	}
	c.first = dayOf(time.Date(lo.time().Year(), time.January, 1, 0, 0, 0, 0, time.UTC))
	c.last = dayOf(time.Date(hi.time().Year(), time.December, 31, 0, 0, 0, 0, time.UTC))
	return nil
}
