package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

var insertFactorsSQL = store.BatchSQL{
	Head:  `INSERT INTO risk_static_factors (business_id, factors, updated_at) VALUES `,
	Tuple: `(?, ?, ?)`,
}

// SeedDemo gives every business of a generated city the static factors and five years of
// record of DemoRecord (the same for the same seed), page by page, then grades them all on
// the day at, so that the demo city has grades with their history. progress sees the
// seeding, then the grading.
func (s *Service) SeedDemo(ctx context.Context, seed uint64, at time.Time, progress Progress) (Summary, error) {
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM businesses`).Scan(&total); err != nil {
		return Summary{}, fmt.Errorf("count businesses: %w", store.Normalize(err))
	}
	done := 0
	for after := int64(0); ; {
		page, err := s.demoPage(ctx, after)
		if err != nil {
			return Summary{}, err
		}
		if len(page) == 0 {
			break
		}
		if err := s.seedPage(ctx, seed, at, page); err != nil {
			return Summary{}, err
		}
		done, after = done+len(page), page[len(page)-1].ID
		if progress != nil {
			progress(done, total)
		}
	}
	return s.RecomputeAll(ctx, at, false, progress)
}

// demoPage reads the registry attributes of the next page of businesses after id.
func (s *Service) demoPage(ctx context.Context, after int64) ([]registry.Business, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, category, kind, floor_area, product_count, daily_diners,
		supplier_count FROM businesses WHERE id > $1 ORDER BY id LIMIT $2`, after, pageSize)
	if err != nil {
		return nil, fmt.Errorf("read businesses to seed: %w", store.Normalize(err))
	}
	defer rows.Close()
	var out []registry.Business
	for rows.Next() {
		var b registry.Business
		if err := rows.Scan(&b.ID, &b.Category, &b.Kind, &b.FloorArea, &b.ProductCount, &b.DailyDiners, &b.SupplierCount); err != nil {
			return nil, fmt.Errorf("scan business to seed: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read businesses to seed: %w", store.Normalize(err))
	}
	return out, nil
}

// seedPage writes the demo factors and record of a page in one transaction.
func (s *Service) seedPage(ctx context.Context, seed uint64, at time.Time, page []registry.Business) error {
	var factors []any
	var events []BusinessEvent
	now := time.Now().UTC()
	for i := range page {
		f, ev, ok := DemoRecord(seed, &page[i], at)
		if !ok {
			continue
		}
		data, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("encode demo factors: %w", err)
		}
		factors = append(factors, page[i].ID, string(data), now)
		for _, e := range ev {
			events = append(events, BusinessEvent{BusinessID: page[i].ID, Event: e})
		}
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		b := store.NewBatches(tx, s.st.Dialect())
		defer b.Close()
		for first := 0; first < len(factors); first += 3 * store.BatchSize {
			batch := factors[first:min(first+3*store.BatchSize, len(factors))]
			if err := b.Exec(ctx, &insertFactorsSQL, len(batch)/3, batch); err != nil {
				return fmt.Errorf("insert demo factors: %w", store.Normalize(err))
			}
		}
		return insertEvents(ctx, tx, s.st.Dialect(), events, "demo")
	})
}
