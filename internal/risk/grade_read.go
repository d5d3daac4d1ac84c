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

// gradeInput is a business to grade with what its latest grading says.
type gradeInput struct {
	Input
	key   string // its gradeKey, "" before the first grading
	later bool   // it is for a later day than this grading
}

// readOne reads business id to grade on the day at: NotFound when there is no such business
// open, Invalid when it has no static table.
func (s *Service) readOne(ctx context.Context, at time.Time, id int64) (*gradeInput, error) {
	p, err := s.readPage(ctx, at, 1, oneID, id)
	switch {
	case err != nil:
		return nil, err
	case p.seen == 0:
		return nil, apperr.New(apperr.NotFound, "risk.business_not_found", map[string]any{"id": id})
	case len(p.inputs) == 0:
		return nil, apperr.New(apperr.Invalid, "risk.not_graded", map[string]any{"id": id})
	}
	return &p.inputs[0], nil
}

// The businesses a read covers, as a condition on a column holding their id: those with an
// id from $2 up to (not including) $3, or the one with id $2.
const (
	idRange = "%[1]s >= $2 AND %[1]s < $3"
	oneID   = "%[1]s = $2"
)

// readPage reads the businesses bound admits (with args from $2; $1 is the day graded)
// that are not closed, with their factors, record and latest grading; capacity is how many
// it expects at most. The bound is on the joined tables too, where PostgreSQL would
// otherwise merge them from their first row.
func (s *Service) readPage(ctx context.Context, at time.Time, capacity int, bound string, args ...any) (*gradingPage, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT b.id, b.category, b.kind, b.floor_area, b.product_count,
		b.daily_diners, b.supplier_count, COALESCE(f.factors, ''), COALESCE(`+gradeKeySQL+`, ''), COALESCE(c.graded_on > $1, FALSE)
		FROM businesses b
		LEFT JOIN risk_static_factors f ON f.business_id = b.id AND `+fmt.Sprintf(bound, "f.business_id")+`
		LEFT JOIN risk_grades_current c ON c.business_id = b.id AND `+fmt.Sprintf(bound, "c.business_id")+`
		WHERE b.status <> 'closed' AND `+fmt.Sprintf(bound, "b.id")+` ORDER BY b.id`, append([]any{at.UTC()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	defer rows.Close()
	p := &gradingPage{inputs: make([]gradeInput, 0, capacity)}
	var first int64
	var row businessRow // scanned into row after row: what a scan points into is kept on the heap
	for rows.Next() {
		in, ok, err := row.scan(rows)
		if err != nil {
			return nil, err
		}
		if p.seen == 0 {
			first = in.BusinessID
		}
		p.seen, p.last = p.seen+1, in.BusinessID
		if ok {
			p.inputs = append(p.inputs, in)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	if p.seen == 0 {
		return p, nil
	}
	events, err := readEvents(ctx, s.st.ReadDB(), first, p.last, anyOrder)
	for i := range p.inputs {
		p.inputs[i].Events = events[p.inputs[i].BusinessID]
	}
	return p, err
}

// businessRow is a row of a read of businesses to grade.
type businessRow struct {
	b       registry.Business
	factors string
	key     string
	later   bool
}

// scan reads the next row as the input to grade: the recorded factors of the business,
// else what the registry knows; ok is false for a business without a static table.
func (r *businessRow) scan(rows *sql.Rows) (in gradeInput, ok bool, err error) {
	if err := rows.Scan(&r.b.ID, &r.b.Category, &r.b.Kind, &r.b.FloorArea, &r.b.ProductCount, &r.b.DailyDiners,
		&r.b.SupplierCount, &r.factors, &r.key, &r.later); err != nil {
		return in, false, fmt.Errorf("scan business to grade: %w", err)
	}
	in.BusinessID, in.key, in.later = r.b.ID, r.key, r.later
	if r.factors == "" {
		in.Factors, ok = RegistryFactors(&r.b)
		return in, ok, nil
	}
	var f StaticFactors // not in: what Unmarshal is given is kept on the heap
	if err := json.Unmarshal([]byte(r.factors), &f); err != nil {
		return in, false, fmt.Errorf("decode factors of business %d: %w", r.b.ID, err)
	}
	in.Factors = f
	return in, true, nil
}
