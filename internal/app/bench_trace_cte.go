package app

import (
	"context"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// The baseline of `bench trace`: the traces as a user would write them in plain SQL over
// the stored events, a recursive CTE that follows transformations (inputs to outputs) and
// aggregation (children to the parent an ADD put them in), then lists the events of every
// identifier reached from the time it was reached, leaving out error-declared events.
// Role codes are epcis.Role: 2 parent, 3 child, 4 input, 5 output.
const (
	cteForwardSQL = `WITH RECURSIVE reach(uri_id, since) AS (
		SELECT id, CAST(0 AS BIGINT) FROM epcis_uris WHERE uri = $1
		UNION
		SELECT o2.uri_id, e.event_ms FROM reach r
		JOIN epcis_event_objects o1 ON o1.uri_id = r.uri_id AND o1.role IN (3, 4)
		JOIN epcis_events e ON e.id = o1.event_row AND e.event_ms >= r.since AND e.declared_ms IS NULL
		JOIN epcis_event_objects o2 ON o2.event_row = e.id
			AND ((o1.role = 4 AND o2.role = 5) OR (o1.role = 3 AND o2.role = 2 AND e.type = 2 AND e.action = 1))
	)
	SELECT count(DISTINCT e.id) FROM reach r
	JOIN epcis_event_objects o ON o.uri_id = r.uri_id
	JOIN epcis_events e ON e.id = o.event_row AND e.event_ms >= r.since AND e.declared_ms IS NULL`

	cteBackwardSQL = `WITH RECURSIVE reach(uri_id, until) AS (
		SELECT id, CAST(9223372036854775807 AS BIGINT) FROM epcis_uris WHERE uri = $1
		UNION
		SELECT o2.uri_id, e.event_ms FROM reach r
		JOIN epcis_event_objects o1 ON o1.uri_id = r.uri_id AND o1.role IN (2, 5)
		JOIN epcis_events e ON e.id = o1.event_row AND e.event_ms <= r.until AND e.declared_ms IS NULL
		JOIN epcis_event_objects o2 ON o2.event_row = e.id
			AND ((o1.role = 5 AND o2.role = 4) OR (o1.role = 2 AND o2.role = 3 AND e.type = 2 AND e.action = 1))
	)
	SELECT count(DISTINCT e.id) FROM reach r
	JOIN epcis_event_objects o ON o.uri_id = r.uri_id
	JOIN epcis_events e ON e.id = o.event_row AND e.event_ms <= r.until AND e.declared_ms IS NULL`
)

// timeCTETraces runs both baseline traces of each lot and returns their latencies.
func timeCTETraces(ctx context.Context, st *store.Store, lots []string) ([]time.Duration, error) {
	var lat []time.Duration
	for _, lot := range lots {
		for _, q := range []string{cteBackwardSQL, cteForwardSQL} {
			var n int64
			start := time.Now()
			if err := st.ReadDB().QueryRowContext(ctx, q, lot).Scan(&n); err != nil {
				return nil, fmt.Errorf("recursive CTE trace of %s: %w", lot, err)
			}
			lat = append(lat, time.Since(start))
		}
	}
	return lat, nil
}
