package registry

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// insertBusinesses writes new businesses; businessArgs gives the arguments of one tuple.
var insertBusinesses = &store.BatchSQL{
	Head: `INSERT INTO businesses (uscc, name, category, kind, licence_no, licence_issued, licence_expiry,
		legal_rep, phone, address, district_id, station_id, grid_id, market_id, lat, lng, floor_area, product_count,
		daily_diners, supplier_count, employee_count, status, created_at, updated_at) VALUES `,
	Tuple: `(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'open',?,?)`,
	Tail:  ` RETURNING id, uscc`,
}

func businessArgs(args []any, v validated, now time.Time) []any {
	return append(args, v.USCC, v.Name, v.Category, v.Kind, v.LicenceNo, v.issued, v.expiry, v.LegalRep, v.Phone,
		v.Address, v.districtID, v.StationID, v.GridID, v.MarketID, v.Lat, v.Lng, v.FloorArea, v.ProductCount,
		v.DailyDiners, v.SupplierCount, v.EmployeeCount, now, now)
}

// inserter writes validated and placed businesses with their search grams and journal
// entries inside one transaction, up to store.BatchSize rows to a statement.
type inserter struct {
	*store.Batches
	now time.Time
}

func (s *BusinessStore) newInserter(tx *sql.Tx, now time.Time) *inserter {
	return &inserter{Batches: store.NewBatches(tx, s.st.Dialect()), now: now}
}

// write inserts rows, at most store.BatchSize of them, and returns their ids in row order.
func (w *inserter) write(ctx context.Context, rows []validated) ([]int64, error) {
	ids, err := w.businesses(ctx, rows)
	if err != nil {
		return nil, err
	}
	args := make([]any, 0, 2*len(rows))
	for i, v := range rows {
		args = append(args, gramsArgs(w.Dialect(), ids[i], v)...)
	}
	if err := w.Exec(ctx, insertGrams, len(rows), args); err != nil {
		return nil, fmt.Errorf("insert grams: %w", err)
	}
	entries := make([]journal.Entry, len(rows))
	for i, v := range rows {
		entries[i] = journal.Entry{Topic: TopicBusinessCreated, Key: fmt.Sprint(ids[i]),
			Payload: map[string]any{"id": ids[i], "uscc": v.USCC, "district_id": v.districtID}}
	}
	if err := journal.AppendMany(ctx, w.Batches, entries); err != nil {
		return nil, err
	}
	return ids, nil
}

// businesses inserts the business rows. The ids are matched to the rows by USCC, which is
// unique, since neither engine promises RETURNING rows in VALUES order.
func (w *inserter) businesses(ctx context.Context, rows []validated) ([]int64, error) {
	args := make([]any, 0, 23*len(rows))
	for _, v := range rows {
		args = businessArgs(args, v, w.now)
	}
	byUSCC, err := w.returned(ctx, args, len(rows))
	if err != nil {
		return nil, duplicateError(err)
	}
	ids := make([]int64, len(rows))
	for i, v := range rows {
		if ids[i] = byUSCC[v.USCC]; ids[i] == 0 {
			return nil, fmt.Errorf("insert businesses: no id returned for %s", v.USCC)
		}
	}
	return ids, nil
}

// returned runs insertBusinesses for n rows and collects the ids it returns by USCC.
func (w *inserter) returned(ctx context.Context, args []any, n int) (map[string]int64, error) {
	rows, err := w.Query(ctx, insertBusinesses, n, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int64, n)
	for rows.Next() {
		var id int64
		var uscc string
		if err := rows.Scan(&id, &uscc); err != nil {
			return nil, err
		}
		out[uscc] = id
	}
	return out, rows.Err()
}
