package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// pageSize is how many businesses a recompute reads, grades and writes per transaction.
const pageSize = 5000

// Summary counts what a recompute did: businesses graded by grade, and those skipped for
// having no static table (farms) or failing to grade.
type Summary struct {
	Graded  map[Grade]int `json:"graded"`
	Skipped int           `json:"skipped"`
	Failed  int           `json:"failed"`
}

// RecomputeAll grades every business that is not closed on the day at and appends the
// grades to their history, page by page (a page is one transaction), telling progress how
// many of the total are done.
func (s *Service) RecomputeAll(ctx context.Context, at time.Time, producersDraft bool, progress Progress) (Summary, error) {
	sum := Summary{Graded: map[Grade]int{}}
	schemes, err := s.Schemes(ctx, at, producersDraft)
	if err != nil {
		return sum, err
	}
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM businesses WHERE status <> 'closed'`).Scan(&total); err != nil {
		return sum, fmt.Errorf("count businesses: %w", store.Normalize(err))
	}
	if progress != nil {
		progress(0, total)
	}
	done := 0
	for after := int64(0); ; {
		inputs, seen, last, err := s.page(ctx, `b.id > $1 ORDER BY b.id LIMIT $2`, after, pageSize)
		if err != nil || seen == 0 {
			return sum, err
		}
		if err := s.gradeAndStore(ctx, schemes, inputs, &sum); err != nil {
			return sum, err
		}
		sum.Skipped += seen - len(inputs)
		done, after = done+seen, last
		if progress != nil {
			progress(done, total)
		}
	}
}

// GradeBusiness grades one business on the day at under the 2016 scheme (or the 2022 draft
// for a producer when producersDraft is set) and appends the grade to its history.
func (s *Service) GradeBusiness(ctx context.Context, businessID int64, at time.Time, producersDraft bool) (Result, error) {
	r, err := s.Preview(ctx, businessID, at, producersDraft)
	if err != nil {
		return r, err
	}
	return r, s.st.Tx(ctx, func(tx *sql.Tx) error { return insertGrades(ctx, tx, s.st.Dialect(), []Result{r}) })
}

// Preview grades one business as GradeBusiness does, without keeping the grade.
func (s *Service) Preview(ctx context.Context, businessID int64, at time.Time, producersDraft bool) (Result, error) {
	schemes, err := s.Schemes(ctx, at, producersDraft)
	if err != nil {
		return Result{}, err
	}
	inputs, seen, _, err := s.page(ctx, `b.id = $1`, businessID)
	switch {
	case err != nil:
		return Result{}, err
	case seen == 0:
		return Result{}, apperr.New(apperr.NotFound, "risk.business_not_found", map[string]any{"id": businessID})
	case len(inputs) == 0:
		return Result{}, apperr.New(apperr.Invalid, "risk.not_graded", map[string]any{"id": businessID})
	}
	return schemes.For(inputs[0].Factors.Sector).Grade(inputs[0])
}

// gradeAndStore grades a page on every core and writes its grades in one transaction.
func (s *Service) gradeAndStore(ctx context.Context, schemes Schemes, inputs []Input, sum *Summary) error {
	results := make([]Result, 0, len(inputs))
	err := Recompute(ctx, schemes, len(inputs), func(i int) Input { return inputs[i] }, func(_ int, graded []Graded) error {
		for _, g := range graded {
			if g.Err != nil {
				sum.Failed++
				continue
			}
			sum.Graded[g.Result.Grade]++
			results = append(results, g.Result)
		}
		return nil
	}, nil)
	if err != nil {
		return err
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error { return insertGrades(ctx, tx, s.st.Dialect(), results) })
}

// page reads the businesses matching where (with args) that are not closed,
// with their factors and record, as inputs. seen counts the businesses read, graded or
// not; last is the highest id read.
func (s *Service) page(ctx context.Context, where string, args ...any) (inputs []Input, seen int, last int64, err error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT b.id, b.category, b.kind, b.floor_area, b.product_count,
		b.daily_diners, b.supplier_count, COALESCE(f.factors, '')
		FROM businesses b LEFT JOIN risk_static_factors f ON f.business_id = b.id
		WHERE b.status <> 'closed' AND `+where, args...)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	defer rows.Close()
	var first int64
	for rows.Next() {
		in, ok, err := scanInput(rows)
		if err != nil {
			return nil, 0, 0, err
		}
		if seen == 0 {
			first = in.BusinessID
		}
		seen, last = seen+1, in.BusinessID
		if ok {
			inputs = append(inputs, in)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	if seen == 0 {
		return nil, 0, 0, nil
	}
	events, err := readEvents(ctx, s.st.ReadDB(), first, last)
	for i := range inputs {
		inputs[i].Events = events[inputs[i].BusinessID]
	}
	return inputs, seen, last, err
}

// scanInput reads a business row: its recorded factors, else what the registry knows.
func scanInput(rows *sql.Rows) (Input, bool, error) {
	var b registry.Business
	var factors string
	if err := rows.Scan(&b.ID, &b.Category, &b.Kind, &b.FloorArea, &b.ProductCount, &b.DailyDiners, &b.SupplierCount, &factors); err != nil {
		return Input{}, false, fmt.Errorf("scan business to grade: %w", err)
	}
	in := Input{BusinessID: b.ID}
	if factors != "" {
		if err := json.Unmarshal([]byte(factors), &in.Factors); err != nil {
			return in, false, fmt.Errorf("decode factors of business %d: %w", b.ID, err)
		}
		return in, true, nil
	}
	var ok bool
	in.Factors, ok = RegistryFactors(&b)
	return in, ok, nil
}
