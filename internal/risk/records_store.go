package risk

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// risk_records keeps the record of each business packed in one row (record_pack.go), a
// copy of its rows in risk_events that every write of those rewrites in the same
// transaction (insertEvents, correctEvents, recordListing): a business without events has
// no row. Migration 0032 packs the records stored before it.
func init() { store.RegisterDataStep("risk.pack_records", packAllRecords) }

var (
	recordEventsSQL = store.BatchSQL{
		Head: `SELECT business_id, kind, occurred_at, until_at, result, full_checklist FROM risk_events
			WHERE business_id IN (`,
		Tuple: `?`,
		Tail:  `)` + oldestFirst,
	}
	// lockRecordsSQL locks the record rows of a batch of businesses, adding an empty one
	// where there is none yet: see repackRecords.
	lockRecordsSQL = store.BatchSQL{Head: `INSERT INTO risk_records (business_id, events) VALUES `, Tuple: `(?, ?)`,
		Tail: ` ON CONFLICT (business_id) DO UPDATE SET events = risk_records.events`}
	deleteRecordsSQL = store.BatchSQL{Head: `DELETE FROM risk_records WHERE business_id IN (`, Tuple: `?`, Tail: `)`}
	upsertRecordsSQL = store.BatchSQL{Head: `INSERT INTO risk_records (business_id, events) VALUES `, Tuple: `(?, ?)`,
		Tail: ` ON CONFLICT (business_id) DO UPDATE SET events = excluded.events`}
)

// repackRecords rewrites in tx the packed record of each business of ids from its events.
//
// Two transactions may write events of one business at once on PostgreSQL (an import and
// the journal feed), and under READ COMMITTED each reads only the events committed before
// its statement: had each read, then written, the second to commit could keep a record
// without the first one's events. So the record rows are locked first, in the order of
// ids, an empty row added where there is none: a transaction that finds the row locked
// waits for the other to end and then reads its events too. SQLite has one writer.
func repackRecords(ctx context.Context, tx *sql.Tx, d store.Dialect, ids []int64) error {
	b := store.NewBatches(tx, d)
	defer b.Close()
	err := inBatches(distinct(ids), func(args []any) error {
		if d == store.Postgres {
			if err := lockRecords(ctx, b, args); err != nil {
				return err
			}
		}
		byBusiness, err := queryEvents(ctx, b, args)
		if err == nil {
			err = writeRecords(ctx, b, args, byBusiness)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("pack risk records: %w", store.Normalize(err))
	}
	return nil
}

// lockRecords locks the record rows of the businesses ids, adding empty ones.
func lockRecords(ctx context.Context, b *store.Batches, ids []any) error {
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, []byte{})
	}
	return b.Exec(ctx, &lockRecordsSQL, len(ids), args)
}

func queryEvents(ctx context.Context, b *store.Batches, ids []any) (map[int64][]Event, error) {
	rows, err := b.Query(ctx, &recordEventsSQL, len(ids), ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanEvents(rows)
}

// writeRecords writes the packed records of the businesses ids that have events and
// deletes the records of those that have none.
func writeRecords(ctx context.Context, b *store.Batches, ids []any, byBusiness map[int64][]Event) error {
	packedArgs := make([]any, 0, 2*len(byBusiness))
	var without []any
	for _, id := range ids {
		events := byBusiness[id.(int64)]
		if len(events) == 0 {
			without = append(without, id)
			continue
		}
		packed, err := appendPacked(nil, events)
		if err != nil {
			return fmt.Errorf("business %d: %w", id, err)
		}
		packedArgs = append(packedArgs, id, packed)
	}
	if len(without) > 0 {
		if err := b.Exec(ctx, &deleteRecordsSQL, len(without), without); err != nil {
			return err
		}
	}
	if len(packedArgs) == 0 {
		return nil
	}
	return b.Exec(ctx, &upsertRecordsSQL, len(packedArgs)/2, packedArgs)
}

// packAllRecords packs the record of every business with events, a page of businesses at
// a time.
func packAllRecords(ctx context.Context, tx *sql.Tx, d store.Dialect) error {
	return packRecordsByPage(ctx, tx, d, pageSize)
}

// packRecordsByPage packs the record of every business with events, page businesses at a
// time.
func packRecordsByPage(ctx context.Context, tx *sql.Tx, d store.Dialect, page int) error {
	for after := int64(0); ; {
		ids, err := businessesWithEvents(ctx, tx, after, page)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := repackRecords(ctx, tx, d, ids); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// businessesWithEvents returns the next page businesses with events after id after.
func businessesWithEvents(ctx context.Context, tx *sql.Tx, after int64, page int) ([]int64, error) {
	ids, err := queryIDs(ctx, tx, `SELECT DISTINCT business_id FROM risk_events WHERE business_id > $1
		ORDER BY business_id LIMIT $2`, after, page)
	if err != nil {
		return nil, fmt.Errorf("find businesses with events: %w", store.Normalize(err))
	}
	return ids, nil
}

// queryIDs runs query in tx and returns the ids in the one column of its rows.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
