package draw

import (
	"context"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// DrawnBusiness is one business of a draw's result as the staff see it: its name and
// address and the names of its inspectors in seat order.
type DrawnBusiness struct {
	Name       string
	Address    string
	Inspectors []string
}

// DrawnBusinesses lists the businesses task id drew, in draw order, each with the names of
// its inspectors in seat order; a task not yet drawn has none.
func (s *Store) DrawnBusinesses(ctx context.Context, id int64) ([]DrawnBusiness, error) {
	drawn, err := s.drawnPlaces(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT s.seq, p.name FROM draw_assignment_inspectors s
		JOIN people p ON p.id = s.person_id WHERE s.task_id = $1 ORDER BY s.seq, s.seat`, id)
	if err != nil {
		return nil, fmt.Errorf("list draw inspectors %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var name string
		if err := rows.Scan(&seq, &name); err != nil {
			return nil, fmt.Errorf("scan draw inspector %d: %w", id, err)
		}
		if seq < 1 || seq > len(drawn) {
			return nil, fmt.Errorf("draw task %d: inspector seated on unknown assignment %d", id, seq)
		}
		drawn[seq-1].Inspectors = append(drawn[seq-1].Inspectors, name)
	}
	return drawn, rows.Err()
}

// drawnPlaces lists the names and addresses of the businesses task id drew, in draw order
// (seq 1, 2, …), without their inspectors.
func (s *Store) drawnPlaces(ctx context.Context, id int64) ([]DrawnBusiness, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT b.name, b.address FROM draw_assignments a
		JOIN businesses b ON b.id = a.business_id WHERE a.task_id = $1 ORDER BY a.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("list drawn businesses %d: %w", id, err)
	}
	defer rows.Close()
	drawn := []DrawnBusiness{}
	for rows.Next() {
		var b DrawnBusiness
		if err := rows.Scan(&b.Name, &b.Address); err != nil {
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
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, name FROM org_units WHERE id IN (SELECT org_unit_id FROM draw_tasks)`)
	if err != nil {
		return nil, fmt.Errorf("read draw units: %w", err)
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("scan draw unit: %w", err)
		}
		names[id] = name
	}
	return names, rows.Err()
}
