package risk

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// BusinessEvent is a record event of one business, as imported.
type BusinessEvent struct {
	BusinessID int64
	Event
}

var insertEventsSQL = store.BatchSQL{
	Head:  `INSERT INTO risk_events (business_id, kind, occurred_at, until_at, result, full_checklist, source, created_at) VALUES `,
	Tuple: `(?, ?, ?, ?, ?, ?, ?, ?)`,
}

// insertEvents writes events in batches inside tx.
func insertEvents(ctx context.Context, tx *sql.Tx, d store.Dialect, events []BusinessEvent, source string) error {
	b := store.NewBatches(tx, d)
	defer b.Close()
	now := time.Now().UTC()
	for first := 0; first < len(events); first += store.BatchSize {
		batch := events[first:min(first+store.BatchSize, len(events))]
		args := make([]any, 0, 8*len(batch))
		for _, e := range batch {
			var until any
			if e.Until != nil {
				until = e.Until.UTC()
			}
			args = append(args, e.BusinessID, string(e.Kind), e.On.UTC(), until, e.Result, boolInt(e.FullChecklist), source, now)
		}
		if err := b.Exec(ctx, &insertEventsSQL, len(batch), args); err != nil {
			return fmt.Errorf("insert risk events: %w", store.Normalize(err))
		}
	}
	return nil
}

// Events returns the record of a business, oldest first.
func (s *Service) Events(ctx context.Context, businessID int64) ([]Event, error) {
	byBusiness, err := readEvents(ctx, s.st.ReadDB(), businessID, businessID)
	return byBusiness[businessID], err
}

// readEvents returns the events of the businesses with ids from first to last, by business.
func readEvents(ctx context.Context, db *sql.DB, first, last int64) (map[int64][]Event, error) {
	rows, err := db.QueryContext(ctx, `SELECT business_id, kind, occurred_at, until_at, result, full_checklist
		FROM risk_events WHERE business_id BETWEEN $1 AND $2 ORDER BY business_id, occurred_at, id`, first, last)
	if err != nil {
		return nil, fmt.Errorf("read risk events: %w", store.Normalize(err))
	}
	defer rows.Close()
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read risk events: %w", store.Normalize(err))
	}
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
