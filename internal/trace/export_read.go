package trace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/query"
)

// What the regulator export (trace/export) reads: every standing event of a query, and
// where lots were made.

// StandingEvent is an event as recorded and not withdrawn: its facts and its JSON as
// captured (for the extension fields the facts do not hold).
type StandingEvent struct {
	Facts epcis.Facts
	JSON  []byte
}

// exportBatch is how many events EachStandingEvent reads at a time.
const exportBatch = 2000

// standingRow keeps the events that stand: not declared erroneous, and no declaration.
const standingRow = "NOT e.declaration AND e.declared_ms IS NULL"

// EachStandingEvent calls fn with every event of q inside scope that stands (not declared
// erroneous; declarations left out; corrective events in), in eventTime order, then
// capture order. It holds one batch at a time. Only q's filters count: its order, paging
// and limits are ignored, and the parameters no column answers are tested on the facts
// of every event the others select.
func (s *Store) EachStandingEvent(ctx context.Context, scope access.Scope, q query.Query, fn func(*StandingEvent) error) error {
	q.OrderBy, q.Descending = "eventTime", false
	f, err := s.filterOf(ctx, scope, &q)
	if err != nil || f.none {
		return err
	}
	f.add(standingRow)
	contexts := map[int64]json.RawMessage{}
	for pos := (position{}); ; {
		rows, err := s.readEvents(ctx, f, &q, pos, exportBatch)
		if err != nil {
			return err
		}
		if err := s.jobContexts(ctx, rows, contexts); err != nil {
			return err
		}
		events, err := standingEvents(rows, contexts)
		if err != nil {
			return err
		}
		for i := range events {
			if q.NeedsFacts() && !q.MatchesFacts(&events[i].Facts) {
				continue
			}
			if err := fn(&events[i]); err != nil {
				return err
			}
		}
		if len(rows) < exportBatch {
			return nil
		}
		last := rows[len(rows)-1]
		pos = position{key: last.key, row: last.row}
	}
}

// standingEvents reads the facts of rows on every core: reading them is most of an
// export's time.
func standingEvents(rows []queriedEvent, contexts map[int64]json.RawMessage) ([]StandingEvent, error) {
	out := make([]StandingEvent, len(rows))
	workers := min(runtime.GOMAXPROCS(0), max(len(rows)/64, 1))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(rows); i += workers {
				facts, err := rows[i].facts(contexts)
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = StandingEvent{Facts: facts, JSON: rows[i].json}
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// LotOrigins returns where each of lots (canonical class identifiers) was made: the place
// (business location, else read point) of the earliest standing event that made it, an
// ObjectEvent ADD listing it or a transformation with it among its outputs. A lot made
// by no stored event has no entry. The places are identifiers, shown or not by the
// caller's rules.
func (s *Store) LotOrigins(ctx context.Context, lots []string) (map[string]string, error) {
	out := map[string]string{}
	if len(lots) == 0 {
		return out, nil
	}
	d := s.st.Dialect()
	rows, err := s.st.ReadDB().QueryContext(ctx, fmt.Sprintf(`SELECT u.uri, p.uri FROM epcis_uris u
		JOIN epcis_event_objects o ON o.uri_id = u.id AND o.class
		JOIN epcis_events e ON e.id = o.event_row
		JOIN epcis_uris p ON p.id = COALESCE(e.biz_location, e.read_point)
		WHERE u.uri %s AND %s AND (e.type = %d AND e.action = %d AND o.role = %d OR o.role = %d)
		ORDER BY e.event_ms DESC, e.id DESC`, inList(d, "$1"), standingRow,
		slices.Index(epcis.EventTypes, "ObjectEvent"), slices.Index(epcis.Actions, "ADD"), epcis.RoleEPC, epcis.RoleOutput), listArg(d, lots))
	if err != nil {
		return nil, fmt.Errorf("read where lots were made: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lot, place string
		if err := rows.Scan(&lot, &place); err != nil {
			return nil, fmt.Errorf("read where lots were made: %w", err)
		}
		out[lot] = place // the earliest comes last
	}
	return out, rows.Err()
}
