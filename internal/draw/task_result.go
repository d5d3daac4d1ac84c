package draw

import (
	"context"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// DrawnBusiness is one business of a draw's result as the staff see it: its place in draw
// order (from 1), its USCC, name and address and the names of its inspectors in seat order.
type DrawnBusiness struct {
	Seq        int
	USCC       string
	Name       string
	Address    string
	Inspectors []string
}

// DrawnBusinesses lists a page of the businesses task id drew, in draw order, each with the
// names of its inspectors in seat order; a task not yet drawn has none.
func (s *Store) DrawnBusinesses(ctx context.Context, id int64, page int) ([]DrawnBusiness, pager, error) {
	pg, err := s.drawnPage(ctx, id, page)
	if err != nil {
		return nil, pg, err
	}
	drawn, err := s.drawnPlaces(ctx, id, pg)
	if err != nil {
		return nil, pg, err
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT s.seq, p.name FROM draw_assignment_inspectors s
		JOIN people p ON p.id = s.person_id WHERE s.task_id = $1 AND s.seq > $2 AND s.seq <= $3 ORDER BY s.seq, s.seat`,
		id, pg.offset(), pg.offset()+pg.PerPage)
	if err != nil {
		return nil, pg, fmt.Errorf("list draw inspectors %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var name string
		if err := rows.Scan(&seq, &name); err != nil {
			return nil, pg, fmt.Errorf("scan draw inspector %d: %w", id, err)
		}
		at := seq - 1 - pg.offset()
		if at < 0 || at >= len(drawn) {
			return nil, pg, fmt.Errorf("draw task %d: inspector seated on unknown assignment %d", id, seq)
		}
		drawn[at].Inspectors = append(drawn[at].Inspectors, name)
	}
	return drawn, pg, rows.Err()
}

// drawnPage places page among the businesses task id drew.
func (s *Store) drawnPage(ctx context.Context, id int64, page int) (pager, error) {
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM draw_assignments WHERE task_id = $1`, id).Scan(&total); err != nil {
		return pager{}, fmt.Errorf("count drawn businesses %d: %w", id, err)
	}
	return newPager(page, businessesPerPage, total)
}

// drawnPlaces lists the place in draw order, USCC, name and address of the businesses of
// page pg that task id drew, without their inspectors. Draw order is seq 1, 2, …, so a page
// is a range of seq, read by the primary key.
func (s *Store) drawnPlaces(ctx context.Context, id int64, pg pager) ([]DrawnBusiness, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT a.seq, b.uscc, b.name, b.address FROM draw_assignments a
		JOIN businesses b ON b.id = a.business_id WHERE a.task_id = $1 AND a.seq > $2 AND a.seq <= $3 ORDER BY a.seq`,
		id, pg.offset(), pg.offset()+pg.PerPage)
	if err != nil {
		return nil, fmt.Errorf("list drawn businesses %d: %w", id, err)
	}
	defer rows.Close()
	drawn := []DrawnBusiness{}
	for rows.Next() {
		var b DrawnBusiness
		if err := rows.Scan(&b.Seq, &b.USCC, &b.Name, &b.Address); err != nil {
			return nil, fmt.Errorf("scan drawn business %d: %w", id, err)
		}
		drawn = append(drawn, b)
	}
	return drawn, rows.Err()
}

// RevealedSeed returns the hex seed of task id once it is drawn, and "" while it is only
// committed: the seed stays secret until the draw.
func (s *Store) RevealedSeed(ctx context.Context, id int64) (string, error) {
	var seed string
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT seed FROM draw_tasks WHERE id = $1 AND status <> $2`, id, TaskCommitted).Scan(&seed))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("read draw seed %d: %w", id, err)
	}
	return seed, nil
}

// UnitNames returns the names of the org units that organize draw tasks, by unit ID: a
// handful per city, read at once for a list of tasks.
func (s *Store) UnitNames(ctx context.Context) (map[int64]string, error) {
	names, err := store.IDNames(ctx, s.st.ReadDB(), `SELECT id, name FROM org_units WHERE id IN (SELECT org_unit_id FROM draw_tasks)`)
	if err != nil {
		return nil, fmt.Errorf("read draw units: %w", err)
	}
	return names, nil
}
