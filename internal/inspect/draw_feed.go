package inspect

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// drawSubscriber keys this package's delivery state of drawn tasks in the journal.
const drawSubscriber = "inspect.drawn-tasks"

// topicDrawn is the draw package's entry for a task just drawn (key: the task id); inspect
// reads the assignments by SQL rather than import the draw package, as it does conflicts.
const topicDrawn = "draw.task.drawn"

// Subscribe makes d turn the assignments of every drawn task (双随机抽查任务) into
// inspections: one daily inspection per business drawn, from the draw (source_ref
// "<task id>/<seq>"), against the current template of its sector, the drawn inspectors
// seated in their seats.
func (s *Inspections) Subscribe(d *journal.Dispatcher) {
	d.Subscribe(drawSubscriber, []string{topicDrawn}, s.onDrawn)
}

// drawnAssignment is one business drawn with its inspectors, in seat order.
type drawnAssignment struct {
	seq        int
	business   int64
	inspectors []int64
}

// onDrawn creates the inspections of drawn task e.Key in tx. It is idempotent: each
// inspection's UUID derives from the task and the assignment, so a second delivery finds
// them. An assignment that cannot become an inspection (a business with no checklist, an
// inspector who has since left enforcement) is logged and skipped, not retried forever: the
// draw stands as published, and the station plans that business by hand.
func (s *Inspections) onDrawn(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	task, err := strconv.ParseInt(e.Key, 10, 64)
	if err != nil {
		return fmt.Errorf("drawn task %q: %w", e.Key, err)
	}
	assignments, err := drawnAssignments(ctx, tx, task)
	if err != nil {
		return err
	}
	for _, a := range assignments {
		uuid := NamedUUID(fmt.Sprintf("draw/%d/%d", task, a.seq))
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM inspections WHERE uuid = $1)`, uuid).Scan(&exists); err != nil {
			return fmt.Errorf("inspection of draw %d/%d: %w", task, a.seq, store.Normalize(err))
		}
		if exists {
			continue
		}
		err := s.createDrawn(ctx, tx, uuid, task, a)
		if apperr.CodeOf(err) == apperr.Invalid {
			slog.WarnContext(ctx, "a drawn business gets no inspection", "task", task, "seq", a.seq, "business", a.business, "err", err)
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// createDrawn creates inspection uuid of assignment a of task in tx.
func (s *Inspections) createDrawn(ctx context.Context, tx *sql.Tx, uuid string, task int64, a drawnAssignment) error {
	b, err := s.businesses.Get(ctx, a.business)
	if err != nil {
		return err
	}
	sector, ok := SectorOf(b.Category)
	if !ok {
		return apperr.Fields(apperr.Field("business_id", "inspect_no_checklist", map[string]any{"category": string(b.Category)}))
	}
	t, ok, err := s.templates.Current(ctx, sector, "")
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Fields(apperr.Field("template_id", "inspect_no_checklist", map[string]any{"category": string(b.Category)}))
	}
	n := NewInspection{Source: FromDraw, SourceRef: fmt.Sprintf("%d/%d", task, a.seq), Kind: Daily, BusinessID: b.ID,
		TemplateID: t.ID, Inspectors: a.inspectors}
	planned, err := n.validate(uuid)
	if err != nil {
		return err
	}
	if err := s.checkInspectors(ctx, b, n.Inspectors); err != nil {
		return err
	}
	return s.insert(ctx, tx, uuid, n, b, planned)
}

// drawnAssignments reads the assignments of task with their inspectors.
func drawnAssignments(ctx context.Context, tx *sql.Tx, task int64) ([]drawnAssignment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.seq, a.business_id, i.person_id FROM draw_assignments a
		JOIN draw_assignment_inspectors i ON i.task_id = a.task_id AND i.seq = a.seq
		WHERE a.task_id = $1 ORDER BY a.seq, i.seat`, task)
	if err != nil {
		return nil, fmt.Errorf("assignments of draw %d: %w", task, store.Normalize(err))
	}
	defer rows.Close()
	var out []drawnAssignment
	for rows.Next() {
		var a drawnAssignment
		var person int64
		if err := rows.Scan(&a.seq, &a.business, &person); err != nil {
			return nil, fmt.Errorf("assignments of draw %d: %w", task, err)
		}
		if len(out) == 0 || out[len(out)-1].seq != a.seq {
			out = append(out, a)
		}
		last := &out[len(out)-1]
		last.inspectors = append(last.inspectors, person)
	}
	return out, store.Normalize(rows.Err())
}

// NamedUUID is a UUID (version-4 shaped) derived from name, for records the system makes
// on its own that a repeat must find again rather than make twice.
func NamedUUID(name string) string {
	h := sha256.Sum256([]byte(name))
	h[6], h[8] = h[6]&0x0f|0x40, h[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
