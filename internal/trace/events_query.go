package trace

import (
	"context"
	"encoding/json"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/trace/query"
)

// MaxExamined bounds the events one request reads to test the parameters no column
// answers (sensor, ILMD, quantity, …: query.NeedsFacts). A query that would read more
// before its page is full is refused with QueryTooLargeException, so that no request reads
// the whole store; a narrower query (by time, place or identifier) passes.
const MaxExamined = 10_000

// EventPage is one page of the answer to a query.
type EventPage struct {
	// Events are the page's events in the query's order, each as captured with its error
	// declaration included and an @context of what Context does not say.
	Events []json.RawMessage
	// Context is the page's @context: the EPCIS context and the extension prefixes of the
	// documents its events came in.
	Context json.RawMessage
	// Next is the nextPageToken of the next page; "" on the last.
	Next string
}

// Events answers a SimpleEventQuery inside scope, one page of q.PerPage events after
// q.NextPageToken. Events are in capture order, or by eventTime or recordTime with the
// row breaking ties; a page goes on where the one before ended, so that a walk through
// the pages meets each event once even while events are captured. A declared event
// answers with its errorDeclaration, its declaration row not on its own.
func (s *Store) Events(ctx context.Context, scope access.Scope, q query.Query) (EventPage, error) {
	fp := fingerprint(q)
	pos, err := readToken(q.NextPageToken, fp)
	if err != nil {
		return EventPage{}, err
	}
	want := q.PerPage
	if q.EventCountLimit > 0 {
		want = min(want, q.EventCountLimit-pos.served)
	}
	f, err := s.filterOf(ctx, scope, &q)
	if err != nil {
		return EventPage{}, err
	}
	contexts := map[int64]json.RawMessage{}
	if f.none || want <= 0 {
		return s.answer(ctx, nil, contexts)
	}
	if q.MaxEventCount > 0 && pos.row == 0 {
		if err := s.checkCount(ctx, f, &q, contexts); err != nil {
			return EventPage{}, err
		}
	}
	events, more, err := s.collect(ctx, f, &q, pos, want, contexts)
	if err != nil {
		return EventPage{}, err
	}
	page, err := s.answer(ctx, events, contexts)
	if err != nil {
		return EventPage{}, err
	}
	if served := pos.served + len(events); more && (q.EventCountLimit == 0 || served < q.EventCountLimit) {
		last := events[len(events)-1]
		page.Next = position{key: last.key, row: last.row, served: served}.token(fp)
	}
	return page, nil
}

// checkCount refuses a query that more than q.MaxEventCount events match
// (QueryTooLargeException, as maxEventCount asks).
func (s *Store) checkCount(ctx context.Context, f *eventFilter, q *query.Query, contexts map[int64]json.RawMessage) error {
	var more bool
	if q.NeedsFacts() {
		var err error
		if _, more, err = s.collect(ctx, f, q, position{}, q.MaxEventCount, contexts); err != nil {
			return err
		}
	} else {
		n, err := s.countEvents(ctx, f, q.MaxEventCount+1)
		if err != nil {
			return err
		}
		more = n > q.MaxEventCount
	}
	if more {
		return apperr.New(apperr.TooLarge, "query.max_event_count", map[string]any{"max": q.MaxEventCount})
	}
	return nil
}

// collect reads up to want events of f after pos and reports whether more follow. The
// parameters no column answers are tested on each event's facts, reading batch after
// batch until the page is full; after MaxExamined events without a full page the query
// is too large.
func (s *Store) collect(ctx context.Context, f *eventFilter, q *query.Query, pos position, want int,
	contexts map[int64]json.RawMessage) ([]queriedEvent, bool, error) {
	facts := q.NeedsFacts()
	batch := want + 1
	if facts {
		batch = min(max(2*want, 100), 1000)
	}
	var found []queriedEvent
	for examined := 0; ; {
		rows, full, err := s.nextBatch(ctx, f, q, &pos, batch, facts, contexts)
		if err != nil {
			return nil, false, err
		}
		for i := range rows {
			e := &rows[i]
			if facts {
				examined++
				ef, err := e.facts(contexts)
				if err != nil {
					return nil, false, err
				}
				if !q.MatchesFacts(&ef) {
					continue
				}
			}
			if len(found) == want {
				return found, true, nil
			}
			found = append(found, *e)
		}
		switch {
		case !full:
			return found, false, nil
		case examined >= MaxExamined && len(found) == want:
			return found, true, nil // the next page may be empty
		case examined >= MaxExamined:
			return nil, false, apperr.New(apperr.TooLarge, "query.too_large", map[string]any{"max": MaxExamined})
		}
	}
}

// nextBatch reads the next n rows of f after *pos, moving it past them, and returns the
// events among them a query answers, with their error declarations and, for testing
// facts, their jobs' @context; full reports whether there were n rows.
func (s *Store) nextBatch(ctx context.Context, f *eventFilter, q *query.Query, pos *position, n int, facts bool,
	contexts map[int64]json.RawMessage) ([]queriedEvent, bool, error) {
	read, err := s.readEvents(ctx, f, q, *pos, n)
	if err != nil || len(read) == 0 {
		return nil, false, err
	}
	last := read[len(read)-1]
	*pos = position{key: last.key, row: last.row}
	full := len(read) == n
	events, err := s.plainEvents(ctx, read)
	if err == nil {
		err = s.attachDeclarations(ctx, events)
	}
	if err == nil && facts {
		err = s.jobContexts(ctx, events, contexts)
	}
	return events, full, err
}
