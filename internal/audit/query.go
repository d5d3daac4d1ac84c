package audit

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
)

// FilterFromQuery reads a Filter from the query parameters actor, action, object_type,
// object_id, from, to, page and per_page that the page and the API share. from and to are
// dates (YYYY-MM-DD, both days included) or RFC 3339 instants (to excluded).
func FilterFromQuery(v url.Values) (Filter, error) {
	var c apperr.Collector
	f := Filter{
		Actor:      strings.TrimSpace(v.Get("actor")),
		Action:     strings.TrimSpace(v.Get("action")),
		ObjectType: strings.TrimSpace(v.Get("object_type")),
		ObjectID:   strings.TrimSpace(v.Get("object_id")),
		From:       queryTime(&c, v, "from", 0),
		To:         queryTime(&c, v, "to", 24*time.Hour),
		Page:       queryInt(&c, v, "page"),
		PerPage:    queryInt(&c, v, "per_page"),
	}
	return f, c.Err()
}

// queryTime reads an optional date or instant; a date is moved on by day, so that "to" a
// date includes the whole of it.
func queryTime(c *apperr.Collector, v url.Values, key string, day time.Duration) *time.Time {
	s := strings.TrimSpace(v.Get(key))
	if s == "" {
		return nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, calendar.China); err == nil {
		t = t.Add(day)
		return &t
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return &t
	}
	c.Add(key, "date", nil)
	return nil
}

// queryInt reads an optional non-negative whole number.
func queryInt(c *apperr.Collector, v url.Values, key string) int {
	s := strings.TrimSpace(v.Get(key))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		c.Add(key, "integer", nil)
		return 0
	}
	return n
}

// dateText is how a filter's bound shows in the form: the day it names ("to" one day back,
// since it is stored exclusive).
func dateText(t *time.Time, day time.Duration) string {
	if t == nil {
		return ""
	}
	return t.Add(-day).In(calendar.China).Format(time.DateOnly)
}
