package trace

import (
	"context"
	"fmt"
	"slices"

	"github.com/shejian/shejian/internal/store"
)

// queriedDeclaration is the row of an error declaration: the declared event again, with
// its errorDeclaration.
type queriedDeclaration struct {
	job  int64
	json []byte
}

// answeredRow keeps the rows a query answers: every event, and an error declaration only
// when the event it declares is not stored. Reading a page, plainEvents tests it on the
// few declarations instead, so that the SQL reads no row it does not answer.
const answeredRow = `(NOT e.declaration OR NOT EXISTS (SELECT 1 FROM epcis_events p
	WHERE p.event_key = e.event_key AND (p.declaration OR p.declared_ms IS NOT NULL) AND p.event_id = e.event_id AND NOT p.declaration))`

// declaredRows is the condition of the partial index on event_key (epcis_events_declared),
// which a query repeats to look up by key the rows it keeps: error declarations and the
// events they declare, which carry declared_ms, the declaration time.
const declaredRows = `(declaration OR declared_ms IS NOT NULL)`

// declaredEventsSQL and declarationsSQL read the events declared and the declarations of
// a list of keys ($1, listArg), each key by the partial index.
func declaredEventsSQL(d store.Dialect) string {
	return lookupSQL(d, "event_id", "epcis_events", "event_key", "bigint", "NOT declaration AND "+declaredRows)
}

func declarationsSQL(d store.Dialect) string {
	return lookupSQL(d, "event_id, job_id, json", "epcis_events", "event_key", "bigint", "declaration AND "+declaredRows)
}

// plainEvents drops the declaration rows whose declared event is stored: that event
// answers with the declaration.
func (s *Store) plainEvents(ctx context.Context, events []queriedEvent) ([]queriedEvent, error) {
	var keys []int64
	for _, e := range events {
		if e.isDeclaration {
			keys = append(keys, e.eventKey)
		}
	}
	if len(keys) == 0 {
		return events, nil
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, declaredEventsSQL(s.st.Dialect()), listArg(s.st.Dialect(), keys))
	if err != nil {
		return nil, fmt.Errorf("read declared events: %w", err)
	}
	defer rows.Close()
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read declared events: %w", err)
		}
		stored[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read declared events: %w", err)
	}
	return slices.DeleteFunc(events, func(e queriedEvent) bool { return e.isDeclaration && stored[e.eventID] }), nil
}

// attachDeclarations reads the declaration rows of the declared events.
func (s *Store) attachDeclarations(ctx context.Context, events []queriedEvent) error {
	byID := map[string][]*queriedEvent{}
	var keys []int64
	for i := range events {
		if e := &events[i]; e.declared && e.declaration == nil {
			byID[e.eventID] = append(byID[e.eventID], e)
			keys = append(keys, e.eventKey)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, declarationsSQL(s.st.Dialect()), listArg(s.st.Dialect(), keys))
	if err != nil {
		return fmt.Errorf("read error declarations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		d := &queriedDeclaration{}
		if err := rows.Scan(&id, &d.job, &d.json); err != nil {
			return fmt.Errorf("read error declarations: %w", err)
		}
		for _, e := range byID[id] {
			e.declaration = d
		}
	}
	return rows.Err()
}
