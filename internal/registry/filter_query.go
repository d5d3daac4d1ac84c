package registry

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// FilterFromQuery reads a BusinessFilter from the query parameters q, district, station,
// category, status, expiry_before, expiry_after, page and per_page that the list page, the
// API and the export share.
func FilterFromQuery(v url.Values) (BusinessFilter, error) {
	var c apperr.Collector
	f := BusinessFilter{
		Q:          strings.TrimSpace(v.Get("q")),
		DistrictID: queryID(&c, v, "district"),
		StationID:  queryID(&c, v, "station"),
		Category:   CategoryCode(v.Get("category")),
		Status:     v.Get("status"),
		Page:       int(queryID(&c, v, "page")),
		PerPage:    int(queryID(&c, v, "per_page")),
	}
	if _, ok := CategoryByCode(f.Category); f.Category != "" && !ok {
		c.Add("category", "one_of", map[string]any{"values": strings.Join(CategoryCodes(), ", ")})
	}
	switch f.Status {
	case "", StatusOpen, StatusSuspended, StatusClosed:
	default:
		c.Add("status", "one_of", map[string]any{"values": "open, suspended, closed"})
	}
	f.ExpiryBefore = parseDate(&c, "expiry_before", v.Get("expiry_before"))
	f.ExpiryAfter = parseDate(&c, "expiry_after", v.Get("expiry_after"))
	return f, c.Err()
}

// queryID reads an optional non-negative whole number.
func queryID(c *apperr.Collector, v url.Values, key string) int64 {
	s := strings.TrimSpace(v.Get(key))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		c.Add(key, "integer", nil)
		return 0
	}
	return n
}

// ExpiringSoon is the window the list's "licence expiring" shortcut uses.
const ExpiringSoon = 90 * 24 * time.Hour
