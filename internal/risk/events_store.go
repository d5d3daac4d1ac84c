package risk

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// BusinessEvent is a record event of one business as stored: Ref is its reference (the
// number of the decision or document, or the UUID of a signed inspection; "" when the
// source gives none), part of the event's key (eventKey).
type BusinessEvent struct {
	BusinessID int64
	Ref        string
	Event
}

// eventKey is what makes a record event one fact: its business, kind, day and reference.
// Two events with the same key are the same fact told twice (a file imported again, a
// journal entry delivered again), and the unique index risk_events_key (migration 0022)
// keeps one. Without a reference, two events of a kind on one day are one: a source that
// has two (two complaints the same day) tells them apart by their numbers.
type eventKey struct {
	business int64
	kind     EventKind
	on       int64 // UnixMicro of the stored time, at the microsecond PostgreSQL keeps
	ref      string
}

func (e BusinessEvent) key() eventKey {
	return eventKey{e.BusinessID, e.Kind, e.On.UTC().Truncate(time.Microsecond).UnixMicro(), e.Ref}
}

var insertEventsSQL = store.BatchSQL{
	Head:  `INSERT INTO risk_events (business_id, kind, occurred_at, until_at, result, full_checklist, ref, source, created_at) VALUES `,
	Tuple: `(?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Tail:  ` ON CONFLICT (business_id, kind, occurred_at, ref) DO NOTHING`,
}

// insertEvents writes events in batches inside tx, leaving an event whose key is stored
// already as it is, and repacks the records of their businesses.
func insertEvents(ctx context.Context, tx *sql.Tx, d store.Dialect, events []BusinessEvent, source string) error {
	b := store.NewBatches(tx, d)
	defer b.Close()
	now := time.Now().UTC()
	for first := 0; first < len(events); first += store.BatchSize {
		batch := events[first:min(first+store.BatchSize, len(events))]
		args := make([]any, 0, 9*len(batch))
		for _, e := range batch {
			var until any
			if e.Until != nil {
				until = e.Until.UTC()
			}
			args = append(args, e.BusinessID, string(e.Kind), e.On.UTC(), until, e.Result, boolInt(e.FullChecklist), e.Ref, source, now)
		}
		if err := b.Exec(ctx, &insertEventsSQL, len(batch), args); err != nil {
			return fmt.Errorf("insert risk events: %w", store.Normalize(err))
		}
	}
	return repackRecords(ctx, tx, d, businessesOf(events))
}

// businessesOf returns the businesses of events, sorted, without repeats.
func businessesOf(events []BusinessEvent) []int64 {
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.BusinessID
	}
	return distinct(ids)
}

// distinct returns ids sorted, without repeats.
func distinct(ids []int64) []int64 { return slices.Compact(slices.Sorted(slices.Values(ids))) }

var storedKeysSQL = store.BatchSQL{Head: `SELECT business_id, kind, occurred_at, ref FROM risk_events WHERE business_id IN (`, Tuple: `?`, Tail: `)`}

// storedKeys returns the keys of the events stored for the businesses of events, read in tx.
func storedKeys(ctx context.Context, tx *sql.Tx, d store.Dialect, events []BusinessEvent) (map[eventKey]bool, error) {
	ids := businessesOf(events)
	b := store.NewBatches(tx, d)
	defer b.Close()
	out := map[eventKey]bool{}
	if err := inBatches(ids, func(args []any) error { return scanKeys(ctx, b, args, out) }); err != nil {
		return nil, fmt.Errorf("read stored risk events: %w", store.Normalize(err))
	}
	return out, nil
}

func scanKeys(ctx context.Context, b *store.Batches, ids []any, out map[eventKey]bool) error {
	rows, err := b.Query(ctx, &storedKeysSQL, len(ids), ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e BusinessEvent
		if err := rows.Scan(&e.BusinessID, &e.Kind, &e.On, &e.Ref); err != nil {
			return err
		}
		out[e.key()] = true
	}
	return rows.Err()
}

// Events returns the record of a business, oldest first.
func (s *Service) Events(ctx context.Context, businessID int64) ([]Event, error) {
	b := store.NewBatches(s.st.ReadDB(), s.st.Dialect())
	defer b.Close()
	byBusiness, err := queryEvents(ctx, b, []any{businessID})
	if err != nil {
		return nil, fmt.Errorf("read risk events: %w", store.Normalize(err))
	}
	return byBusiness[businessID], nil
}

// oldestFirst orders the events of each business as Events gives them.
const oldestFirst = ` ORDER BY business_id, occurred_at, id`

// scanEvents reads rows of business_id, kind, occurred_at, until_at, result and
// full_checklist into the events of each business, in the order of the rows.
func scanEvents(rows *sql.Rows) (map[int64][]Event, error) {
	out := map[int64][]Event{}
	for rows.Next() {
		var id int64
		var e Event
		var until sql.NullTime
		var full int
		if err := rows.Scan(&id, &e.Kind, &e.On, &until, &e.Result, &full); err != nil {
			return nil, fmt.Errorf("scan risk event: %w", err)
		}
		e.On, e.FullChecklist = e.On.UTC(), full == 1
		if until.Valid {
			u := until.Time.UTC()
			e.Until = &u
		}
		out[id] = append(out[id], e)
	}
	return out, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
