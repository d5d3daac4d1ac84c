package trace

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/graph"
	"golang.org/x/sync/errgroup"
)

// loadBatch is how many events LoadIndex hands the index at a time.
const loadBatch = 4096

// LoadIndex adds every stored event to ix, in row order, as the server does at start:
// events declared erroneous and the declarations themselves are left out, as the index
// would retract them. It reads the events, their objects and their business transactions,
// sources and destinations as three ordered streams at once and merges them by row, so
// that no event is parsed from its JSON. progress, when set, is told the rows done of the total.
func (s *Store) LoadIndex(ctx context.Context, ix *graph.Index, progress func(done, total int64)) (int64, error) {
	uris, err := s.loadURIs(ctx)
	if err != nil {
		return 0, err
	}
	var total int64
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM epcis_events`).Scan(&total); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	g, ctx := errgroup.WithContext(ctx)
	events := make(chan []storedEvent, 4)
	objects := make(chan []storedObject, 4)
	values := make(chan []storedValue, 4)
	g.Go(func() error { return streamRows(ctx, s.st.ReadDB(), eventsSQL, events, scanEvent) })
	g.Go(func() error { return streamRows(ctx, s.st.ReadDB(), objectsSQL, objects, scanObject(uris)) })
	g.Go(func() error { return streamRows(ctx, s.st.ReadDB(), valuesSQL, values, scanValue(uris)) })
	var added int64
	g.Go(func() error {
		m := merger{objects: newCursor(objects), values: newCursor(values), uris: uris}
		var done int64
		for batch := range events {
			out := m.events(batch)
			if err := ix.AddBatch(out); err != nil {
				return fmt.Errorf("index events: %w", err)
			}
			added += int64(len(out))
			done += int64(len(batch))
			if progress != nil {
				progress(done, total)
			}
		}
		m.objects.drain()
		m.values.drain()
		return nil
	})
	if err := g.Wait(); err != nil {
		return 0, fmt.Errorf("load trace index: %w", err)
	}
	return added, nil
}

// loadURIs reads every interned URI into a slice indexed by its id.
func (s *Store) loadURIs(ctx context.Context) ([]string, error) {
	var last int64
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM epcis_uris`).Scan(&last); err != nil {
		return nil, fmt.Errorf("count uris: %w", err)
	}
	uris := make([]string, last+1)
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, uri FROM epcis_uris`)
	if err != nil {
		return nil, fmt.Errorf("read uris: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uri string
		if err := rows.Scan(&id, &uri); err != nil {
			return nil, fmt.Errorf("read uris: %w", err)
		}
		if id > 0 && id <= last {
			uris[id] = uri
		}
	}
	return uris, rows.Err()
}

// The three streams, each in event row order.
const (
	eventsSQL = `SELECT id, event_ms, type, action, biz_step, read_point, biz_location, transformation,
		declaration OR declared_ms IS NOT NULL FROM epcis_events ORDER BY id`
	objectsSQL = `SELECT event_row, role, class, uri_id, quantity, uom FROM epcis_event_objects ORDER BY event_row, seq`
	valuesSQL  = `SELECT event_row, kind, type_id, value_id FROM epcis_event_values ORDER BY event_row, seq`
)

type storedEvent struct {
	row, ms                 int64
	typ, action             int
	step, point, loc, trans sql.NullInt64
	withdrawn               bool
}

type storedObject struct {
	row int64
	obj epcis.Object
}

type storedValue struct {
	row   int64
	kind  int // KindBizTransaction, KindSource or KindDestination
	value epcis.Typed
}

func scanEvent(rows *sql.Rows) (storedEvent, error) {
	var e storedEvent
	if err := rows.Scan(&e.row, &e.ms, &e.typ, &e.action, &e.step, &e.point, &e.loc, &e.trans, &e.withdrawn); err != nil {
		return e, err
	}
	if e.typ <= 0 || e.typ >= len(epcis.EventTypes) || e.action < 0 || e.action >= len(epcis.Actions) {
		return e, fmt.Errorf("event row %d: type %d, action %d: no such codes", e.row, e.typ, e.action)
	}
	return e, nil
}

func scanObject(uris []string) func(*sql.Rows) (storedObject, error) {
	return func(rows *sql.Rows) (storedObject, error) {
		var o storedObject
		var role, uri int64
		var qty sql.NullFloat64
		var uom sql.NullString
		err := rows.Scan(&o.row, &role, &o.obj.Class, &uri, &qty, &uom)
		o.obj.ID, o.obj.Role = uriAt(uris, uri), epcis.Role(role)
		o.obj.Quantity, o.obj.HasQuantity, o.obj.UOM = qty.Float64, qty.Valid, uom.String
		return o, err
	}
}

func scanValue(uris []string) func(*sql.Rows) (storedValue, error) {
	return func(rows *sql.Rows) (storedValue, error) {
		var v storedValue
		var typ sql.NullInt64
		var value int64
		err := rows.Scan(&v.row, &v.kind, &typ, &value)
		v.value = epcis.Typed{Type: uriAt(uris, typ.Int64), Value: uriAt(uris, value)}
		return v, err
	}
}

// uriAt is the URI of id, empty for none.
func uriAt(uris []string, id int64) string {
	if id <= 0 || id >= int64(len(uris)) {
		return ""
	}
	return uris[id]
}

// streamRows runs query and sends its rows, scanned, in batches of loadBatch on out, which
// it closes.
func streamRows[T any](ctx context.Context, db *sql.DB, query string, out chan<- []T, scan func(*sql.Rows) (T, error)) error {
	defer close(out)
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := make([]T, 0, loadBatch)
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if batch = append(batch, v); len(batch) == loadBatch {
			select {
			case out <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]T, 0, loadBatch)
		}
	}
	if len(batch) > 0 {
		out <- batch
	}
	return rows.Err()
}

// cursor reads a stream of batches one row at a time.
type cursor[T any] struct {
	in    <-chan []T
	batch []T
}

func newCursor[T any](in <-chan []T) *cursor[T] { return &cursor[T]{in: in} }

// peek returns the next row without taking it, false at the end.
func (c *cursor[T]) peek() (T, bool) {
	for len(c.batch) == 0 {
		b, ok := <-c.in
		if !ok {
			var zero T
			return zero, false
		}
		c.batch = b
	}
	return c.batch[0], true
}

func (c *cursor[T]) next() { c.batch = c.batch[1:] }

// drain reads what is left, so that the stream's sender can finish.
func (c *cursor[T]) drain() {
	for range c.in {
	}
}

// merger joins events with their objects and values by row.
type merger struct {
	objects *cursor[storedObject]
	values  *cursor[storedValue]
	uris    []string
}

func (m *merger) events(batch []storedEvent) []graph.Event {
	out := make([]graph.Event, 0, len(batch))
	for _, e := range batch {
		ev := graph.Event{Row: e.row, Time: time.UnixMilli(e.ms).UTC(), Type: epcis.EventTypes[e.typ],
			Action: epcis.Actions[e.action], BizStep: uriAt(m.uris, e.step.Int64),
			Location: uriAt(m.uris, e.loc.Int64), TransformationID: uriAt(m.uris, e.trans.Int64)}
		if ev.Location == "" {
			ev.Location = uriAt(m.uris, e.point.Int64)
		}
		for o, ok := m.objects.peek(); ok && o.row <= e.row; o, ok = m.objects.peek() {
			if o.row == e.row {
				ev.Objects = append(ev.Objects, o.obj)
			}
			m.objects.next()
		}
		for v, ok := m.values.peek(); ok && v.row <= e.row; v, ok = m.values.peek() {
			switch {
			case v.row < e.row:
			case v.kind == KindBizTransaction:
				ev.BizTransactions = append(ev.BizTransactions, v.value)
			case v.kind == KindSource:
				ev.Sources = append(ev.Sources, v.value)
			case v.kind == KindDestination:
				ev.Destinations = append(ev.Destinations, v.value)
			}
			m.values.next()
		}
		if !e.withdrawn {
			out = append(out, ev)
		}
	}
	return out
}
