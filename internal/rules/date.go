package rules

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// Date is a civil date without clock, written "2006-01-02".
type Date struct{ y, m, d int }

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// DateOf is the date of t in China.
func DateOf(t time.Time) Date {
	y, m, d := t.In(calendar.China).Date()
	return Date{y, int(m), d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

// String formats the date as "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

// MarshalJSON writes "2006-01-02".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "2006-01-02".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// InForce reports whether the rule applies at t: from EffectiveFrom to EffectiveTo, both
// days included, read in China time.
func (r Rule) InForce(t time.Time) bool {
	day := DateOf(t)
	if day.Before(r.EffectiveFrom) {
		return false
	}
	return r.EffectiveTo == nil || !r.EffectiveTo.Before(day)
}
