package trace

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/query"
)

// queriedEvent is an event row a query read, with what its answer needs.
type queriedEvent struct {
	row, key int64 // the row, and the value of the query's order key
	job      int64
	eventKey int64
	eventID  string
	// isDeclaration marks the row of an error declaration, answered only when the event it
	// declares is not stored.
	isDeclaration bool
	// declared is set when a declaration row beside the event declares it erroneous; the
	// event answers with that row's errorDeclaration (declaration).
	declared    bool
	declaration *queriedDeclaration
	json        []byte
}

// position is where a page ends in a query's order: the order key and the row of its last
// event, and how many events the pages so far held.
type position struct {
	key, row int64
	served   int
}

// orderColumn is the column a query's order sorts by, the row breaking ties.
func orderColumn(q *query.Query) string {
	switch q.OrderBy {
	case "eventTime":
		return "e.event_ms"
	case "recordTime":
		return "e.record_ms"
	}
	return "e.id"
}

// readEvents reads up to limit events of f after pos, in the query's order.
func (s *Store) readEvents(ctx context.Context, f *eventFilter, q *query.Query, pos position, limit int) ([]queriedEvent, error) {
	sql, args := eventsSQL(f, q, pos, limit)
	rows, err := s.st.ReadDB().QueryContext(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var out []queriedEvent
	for rows.Next() {
		var e queriedEvent
		if err := rows.Scan(&e.row, &e.key, &e.job, &e.eventKey, &e.eventID, &e.isDeclaration, &e.declared, &e.json); err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
		e.declared = e.declared && !e.isDeclaration
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventsSQL is the statement that reads up to limit events of f after pos, in the query's
// order, and its arguments. The indexes of migration 0026 serve its common forms.
func eventsSQL(f *eventFilter, q *query.Query, pos position, limit int) (string, []any) {
	col, dir, cmp := orderColumn(q), "ASC", ">"
	if q.Descending {
		dir, cmp = "DESC", "<"
	}
	page := *f
	page.conds, page.args = slices.Clone(f.conds), slices.Clone(f.args)
	if pos.row != 0 {
		row := page.arg(pos.row)
		if col == "e.id" {
			page.add("e.id > " + row)
		} else {
			key := page.arg(pos.key)
			page.add(col + " " + cmp + "= " + key + " AND (" + col + " " + cmp + " " + key + " OR e.id " + cmp + " " + row + ")")
		}
	}
	order := "e.id"
	if col != "e.id" {
		order = col + " " + dir + ", e.id " + dir
	}
	return `SELECT e.id, ` + col + `, e.job_id, e.event_key, e.event_id, e.declaration, e.declared_ms IS NOT NULL, e.json
		FROM epcis_events e WHERE ` + page.where() + ` ORDER BY ` + order + ` LIMIT ` + strconv.Itoa(limit), page.args
}

// countEvents counts the events of f a query answers, up to limit.
func (s *Store) countEvents(ctx context.Context, f *eventFilter, limit int) (int, error) {
	var n int
	sql := `SELECT count(*) FROM (SELECT 1 FROM epcis_events e WHERE ` + f.where() + ` AND ` + answeredRow + ` LIMIT ` +
		strconv.Itoa(limit) + `) c`
	if err := s.st.ReadDB().QueryRowContext(ctx, sql, f.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// jobContexts adds to contexts the @context of the capture jobs of events and of their
// declarations that it lacks.
func (s *Store) jobContexts(ctx context.Context, events []queriedEvent, contexts map[int64]json.RawMessage) error {
	var missing []int64
	need := func(job int64) {
		if _, ok := contexts[job]; !ok {
			contexts[job] = nil
			missing = append(missing, job)
		}
	}
	for _, e := range events {
		need(e.job)
		if e.declaration != nil {
			need(e.declaration.job)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, context FROM epcis_capture_jobs WHERE id IN `+intList(missing))
	if err != nil {
		return fmt.Errorf("read the contexts of capture jobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return fmt.Errorf("read the contexts of capture jobs: %w", err)
		}
		if c != "" {
			contexts[id] = json.RawMessage(c)
		}
	}
	return rows.Err()
}

// facts reads the event's facts, its error declaration included: a declared event is
// read from its declaration row, the same event with its errorDeclaration. The stored
// JSON is read inside a document with its job's @context, so that its extension fields
// are named the same whether the event carries that context or not.
func (e *queriedEvent) facts(contexts map[int64]json.RawMessage) (epcis.Facts, error) {
	raw, job := e.json, e.job
	if e.declaration != nil {
		raw, job = e.declaration.json, e.declaration.job
	}
	context := contexts[job]
	if len(context) == 0 {
		context = json.RawMessage("null")
	}
	doc := make([]byte, 0, len(raw)+len(context)+80)
	doc = append(doc, `{"type":"EPCISDocument","@context":`...)
	doc = append(doc, context...)
	doc = append(doc, `,"epcisBody":{"eventList":[`...)
	doc = append(doc, raw...)
	doc = append(doc, "]}}"...)
	events, err := epcis.Parse(doc)
	if err == nil && len(events) != 1 {
		err = fmt.Errorf("%d events", len(events))
	}
	if err != nil {
		return epcis.Facts{}, fmt.Errorf("read stored event %d: %w", e.row, err)
	}
	f, err := events[0].Facts()
	if err != nil {
		return epcis.Facts{}, fmt.Errorf("read stored event %d: %w", e.row, err)
	}
	return f, nil
}
