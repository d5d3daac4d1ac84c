package risk

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/risk/targeting"
	"github.com/shejian/shejian/internal/store"
)

// targetColumns are what the ranker reads of a business (targetBusiness), its packed record
// last; a business without one has no record yet.
const targetColumns = `SELECT b.id, b.station_id, b.category, b.name, b.lat, b.lng, b.licence_issued, r.events
	FROM businesses b LEFT JOIN risk_records r ON r.business_id = b.id`

var targetBusinessesSQL = store.BatchSQL{Head: targetColumns + ` WHERE b.id IN (`, Tuple: `?`, Tail: `)`}

// targetingRows reads the rows the ranker learns from on day: the inspections of the last
// targetingYears before it, of open businesses with a record, every k-th by id where more
// than maxTargetingBusinesses have one.
func (s *Service) targetingRows(ctx context.Context, day time.Time) ([]targeting.Inspection, error) {
	var recorded int64
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM risk_records`).Scan(&recorded); err != nil {
		return nil, fmt.Errorf("count the records to learn from: %w", store.Normalize(err))
	}
	every := max(1, (recorded+maxTargetingBusinesses-1)/maxTargetingBusinesses)
	rows, err := s.st.ReadDB().QueryContext(ctx, targetColumns+` WHERE b.status <> 'closed' AND r.business_id IS NOT NULL
		AND b.id % $1 = 0 ORDER BY b.id`, every)
	if err != nil {
		return nil, fmt.Errorf("read the record to learn from: %w", store.Normalize(err))
	}
	var out []targeting.Inspection
	from := day.AddDate(-targetingYears, 0, 0)
	err = scanTargetBusinesses(rows, func(b *targetBusiness) { out = b.inspectionRows(out, from, day) })
	if err != nil {
		return nil, fmt.Errorf("read the record to learn from: %w", err)
	}
	return out, nil
}

// targetBusinesses reads the businesses ids as the ranker sees them.
func (s *Service) targetBusinesses(ctx context.Context, ids []int64) (map[int64]*targetBusiness, error) {
	b := store.NewBatches(s.st.ReadDB(), s.st.Dialect())
	defer b.Close()
	out := make(map[int64]*targetBusiness, len(ids))
	err := inBatches(ids, func(args []any) error {
		rows, err := b.Query(ctx, &targetBusinessesSQL, len(args), args)
		if err != nil {
			return err
		}
		return scanTargetBusinesses(rows, func(b *targetBusiness) { out[b.id] = b })
	})
	if err != nil {
		return nil, fmt.Errorf("read businesses to score: %w", store.Normalize(err))
	}
	return out, nil
}

// scanTargetBusinesses calls each with every business of rows (targetColumns), which it closes.
func scanTargetBusinesses(rows *sql.Rows, each func(*targetBusiness)) error {
	defer rows.Close()
	for rows.Next() {
		b := &targetBusiness{}
		var licensed sql.NullTime
		var record []byte
		if err := rows.Scan(&b.id, &b.station, &b.category, &b.name, &b.lat, &b.lng, &licensed, &record); err != nil {
			return fmt.Errorf("scan business: %w", err)
		}
		if licensed.Valid {
			b.licensed = civilDay(licensed.Time)
		}
		if len(record) > 0 {
			var err error
			if b.events, err = unpack(record, nil); err != nil {
				return fmt.Errorf("unpack the record of business %d: %w", b.id, err)
			}
		}
		each(b)
	}
	return rows.Err()
}
