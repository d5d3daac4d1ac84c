package ticket

import (
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
)

// zoneOffset is china as EPCIS writes it.
const zoneOffset = "+08:00"

// dayLayouts and timeLayouts are how dates and times may be written; a date stands for
// the start of its day.
var (
	dayLayouts  = []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "20060102"}
	timeLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006/1/2 15:04"}
)

// checkWhen reads the date (or date and time) of field, in China time; it may not lie in
// the future. A required field left empty is an error, an optional one the zero time.
func checkWhen(c *apperr.Collector, field, raw string, required bool, now time.Time) time.Time {
	s := strings.TrimSpace(raw)
	if s == "" {
		if required {
			c.Add(field, "required", nil)
		}
		return time.Time{}
	}
	t, dateOnly, ok := parseWhen(s)
	switch {
	case !ok:
		c.Add(field, "when", nil)
	case dateOnly && t.After(now.In(calendar.China)):
		c.Add(field, "not_future", nil)
	case !dateOnly && t.After(now.Add(epcis.ClockSkew)):
		c.Add(field, "not_future", nil)
	}
	return t
}

// parseWhen reads a date or a date and time in China time.
func parseWhen(s string) (t time.Time, dateOnly, ok bool) {
	for _, l := range dayLayouts {
		if t, err := time.ParseInLocation(l, s, calendar.China); err == nil {
			return t, true, true
		}
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, calendar.China); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// eventTime writes t as an EPCIS eventTime in China time.
func eventTime(t time.Time) string {
	return t.In(calendar.China).Format("2006-01-02T15:04:05.000") + zoneOffset
}

// day is the China calendar day of t, how two entries of one sale are compared: a ticket
// may give the hour, a ledger only the day.
func day(t time.Time) string { return t.In(calendar.China).Format(time.DateOnly) }
