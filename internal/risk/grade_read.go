package risk

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// gradeInput is a business to grade with its record packed (record_pack.go) and what its
// latest grading says. The record is unpacked only to grade (input), into events a worker
// reuses from one business to the next: unpacked as they are read, the records of a city
// would be most of a gigabyte of events to allocate and collect.
type gradeInput struct {
	Input         // without its Events
	record []byte // nil without events
	// key is the grade key of its latest grading (appendGradeKey); "" before the first, and
	// when that is for a later day than this grading, which changes the grade either way.
	key   string
	first bool // it had no grading when read
}

// input is the business to grade with its record unpacked into events[:0], which it may
// reuse (grown); it returns events for the next.
func (in *gradeInput) input(events []Event) (Input, []Event, error) {
	out := in.Input
	if in.record == nil {
		return out, events, nil
	}
	var err error
	if out.Events, err = unpack(in.record, events[:0]); err != nil {
		return out, events, fmt.Errorf("record of business %d: %w", in.BusinessID, err)
	}
	return out, out.Events, nil
}

// readOne reads business id to grade on the day at: NotFound when there is no such business
// open, Invalid when it has no static table.
func (s *Service) readOne(ctx context.Context, at time.Time, id int64) (*gradeInput, error) {
	p := &gradingPage{}
	err := readPage(ctx, s.st.ReadDB(), p, at, oneID, id)
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

// readPage reads into p, emptied first, with q the businesses bound admits (with args from
// $2; $1 is the day graded) that are not closed, with their factors, packed record and
// latest grading. The bound is on the joined tables too, where PostgreSQL would otherwise
// merge them from their first row.
func readPage(ctx context.Context, q querier, p *gradingPage, at time.Time, bound string, args ...any) error {
	p.empty()
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.category, b.kind, b.floor_area, b.product_count,
		b.daily_diners, b.supplier_count, COALESCE(f.factors, ''), r.events,
		CASE WHEN c.graded_on > $1 THEN '' ELSE `+gradeKeySQL+` END
		FROM businesses b
		LEFT JOIN risk_static_factors f ON f.business_id = b.id AND `+fmt.Sprintf(bound, "f.business_id")+`
		LEFT JOIN risk_records r ON r.business_id = b.id AND `+fmt.Sprintf(bound, "r.business_id")+`
		LEFT JOIN risk_grades_current c ON c.business_id = b.id AND `+fmt.Sprintf(bound, "c.business_id")+`
		WHERE b.status <> 'closed' AND `+fmt.Sprintf(bound, "b.id")+` ORDER BY b.id`, append([]any{at.UTC()}, args...)...)
	if err != nil {
		return fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	defer rows.Close()
	row := businessRow{records: p.records} // scanned into row after row: what a scan points into is kept on the heap
	for rows.Next() {
		p.inputs = append(p.inputs, gradeInput{})
		in := &p.inputs[len(p.inputs)-1]
		ok, err := row.scan(rows, in)
		if err != nil {
			return err
		}
		p.seen++
		if !ok {
			p.inputs = p.inputs[:len(p.inputs)-1]
		}
	}
	p.records = row.records
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read businesses to grade: %w", store.Normalize(err))
	}
	return nil
}

// recomputeReader returns how a recompute reads the page that starts at id start into p
// (readPage), and what to call once it has read them all. On SQLite, where one goroutine
// reads, it reads on a connection lent for the scan (store.ScanConn). On PostgreSQL each
// page is read in a read-only transaction without parallel workers: a recompute reads pages
// on every core already, and the workers PostgreSQL plans for a page when its statistics
// lag behind a recompute that has just filled the grade tables cost more than they save.
func (s *Service) recomputeReader(ctx context.Context) (read func(ctx context.Context, p *gradingPage, at time.Time, start int64) error, release func(), err error) {
	if s.st.Dialect() != store.Postgres {
		conn, err := s.st.ScanConn(ctx)
		if err != nil {
			return nil, nil, err
		}
		return func(ctx context.Context, p *gradingPage, at time.Time, start int64) error {
			return readPage(ctx, conn, p, at, idRange, start, start+pageSize)
		}, func() { _ = conn.Close() }, nil // one that cannot be reset is closed, not pooled: nothing to undo
	}
	return s.readPagePostgres, func() {}, nil
}

// readPagePostgres reads a page of a recompute on PostgreSQL (recomputeReader).
func (s *Service) readPagePostgres(ctx context.Context, p *gradingPage, at time.Time, start int64) error {
	tx, err := s.st.ReadDB().BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err == nil {
		defer tx.Rollback() // nothing to commit
		_, err = tx.ExecContext(ctx, `SET LOCAL max_parallel_workers_per_gather = 0`)
	}
	if err != nil {
		return fmt.Errorf("begin reading businesses to grade: %w", store.Normalize(err))
	}
	return readPage(ctx, tx, p, at, idRange, start, start+pageSize)
}

// businessRow is a row of a read of businesses to grade, and the packed records of the
// rows read so far, one after another.
type businessRow struct {
	b       registry.Business
	factors string
	record  sql.RawBytes
	key     sql.NullString // NULL without a latest grading
	records []byte
}

// scan reads the next row into in, the input to grade: the recorded factors of the
// business, else what the registry knows; ok is false for a business without a static
// table.
func (r *businessRow) scan(rows *sql.Rows, in *gradeInput) (ok bool, err error) {
	if err := rows.Scan(&r.b.ID, &r.b.Category, &r.b.Kind, &r.b.FloorArea, &r.b.ProductCount, &r.b.DailyDiners,
		&r.b.SupplierCount, &r.factors, &r.record, &r.key); err != nil {
		return false, fmt.Errorf("scan business to grade: %w", err)
	}
	in.BusinessID, in.key, in.first = r.b.ID, r.key.String, !r.key.Valid
	if len(r.record) > 0 {
		start := len(r.records)
		r.records = append(r.records, r.record...)
		in.record = r.records[start:len(r.records):len(r.records)]
	}
	if r.factors == "" {
		in.Factors, ok = RegistryFactors(&r.b)
		return ok, nil
	}
	if err := decodeFactors(r.factors, &in.Factors); err != nil {
		return false, fmt.Errorf("decode factors of business %d: %w", r.b.ID, err)
	}
	return true, nil
}
