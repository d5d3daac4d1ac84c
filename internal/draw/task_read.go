package draw

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
)

const taskColumns = `id, code, name, org_unit_id, status, input_digest, seed_sha256, committed_at, beacon, drawn_at, publish_due, published_at`

func scanTask(row interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var drawn, due, published sql.NullTime
	err := row.Scan(&t.ID, &t.Code, &t.Name, &t.OrgUnitID, &t.Status, &t.Commitment.InputDigest, &t.Commitment.SeedSHA256,
		&t.Commitment.CommittedAt, &t.Beacon, &drawn, &due, &published)
	if err != nil {
		return t, store.Normalize(err)
	}
	t.DrawnAt, t.PublishDue, t.PublishedAt = store.TimePtr(drawn), store.TimePtr(due), store.TimePtr(published)
	return t, nil
}

// Task returns one task or a NotFound error.
func (s *Store) Task(ctx context.Context, id int64) (Task, error) {
	t, err := scanTask(s.st.ReadDB().QueryRowContext(ctx, `SELECT `+taskColumns+` FROM draw_tasks WHERE id = $1`, id))
	if errors.Is(err, store.ErrNotFound) {
		return t, apperr.New(apperr.NotFound, "", nil)
	}
	if err != nil {
		return t, fmt.Errorf("read draw task %d: %w", id, err)
	}
	return t, nil
}

// tasksInScope selects the tasks of the units under the path pattern $1.
const tasksInScope = ` FROM draw_tasks WHERE org_unit_id IN (SELECT id FROM org_units WHERE path LIKE $1)`

// TasksPage lists a page of the tasks of the units under scopePath (an org path, "/1/3/"),
// newest first.
func (s *Store) TasksPage(ctx context.Context, scopePath string, page int) ([]Task, pager, error) {
	var total int
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*)`+tasksInScope, scopePath+"%").Scan(&total); err != nil {
		return nil, pager{}, fmt.Errorf("count draw tasks: %w", err)
	}
	pg, err := newPager(page, tasksPerPage, total)
	if err != nil {
		return nil, pg, err
	}
	tasks, err := s.listTasks(ctx, `SELECT `+taskColumns+tasksInScope+` ORDER BY id DESC LIMIT $2 OFFSET $3`, scopePath+"%", pg.PerPage, pg.offset())
	return tasks, pg, err
}

func (s *Store) listTasks(ctx context.Context, query string, args ...any) ([]Task, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list draw tasks: %w", err)
	}
	defer rows.Close()
	tasks := []Task{}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("scan draw task: %w", err)
		}
		tasks = append(tasks, t)
	}
	return tasks, rows.Err()
}

// Overdue lists the drawn tasks whose result is still unpublished after its deadline, as of
// the China calendar day of today: the deadline's last day is still in time.
func (s *Store) Overdue(ctx context.Context, today time.Time) ([]Task, error) {
	drawn, err := s.listTasks(ctx, `SELECT `+taskColumns+` FROM draw_tasks WHERE status = $1 ORDER BY publish_due, id`, TaskDrawn)
	if err != nil {
		return nil, err
	}
	late := []Task{}
	for _, t := range drawn {
		if t.overdue(today) {
			late = append(late, t)
		}
	}
	return late, nil
}

// overdue reports whether the task is drawn and still unpublished after its deadline, as of
// the China calendar day of today.
func (t Task) overdue(today time.Time) bool {
	return t.Status == TaskDrawn && t.PublishDue != nil && t.PublishDue.Format(time.DateOnly) < today.In(calendar.China).Format(time.DateOnly)
}

// Bundle assembles the verifiable bundle of a drawn task from its rows: its published
// inputs, the commitment, the revealed seed, the result and the openings naming the
// businesses drawn. Before the draw there is none: the seed is still secret. The downloads
// send the bundle stored when it was first built (bundleFile), which is this one encoded.
func (s *Store) Bundle(ctx context.Context, id int64) (*Bundle, error) {
	t, err := s.Task(ctx, id)
	if err != nil {
		return nil, err
	}
	status, f, seed, err := s.frozen(ctx, id)
	if err != nil {
		return nil, err
	}
	if status == TaskCommitted {
		return nil, apperr.New(apperr.Conflict, "draw.task_status", nil)
	}
	var result string
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT result FROM draw_tasks WHERE id = $1`, id).Scan(&result); err != nil {
		return nil, fmt.Errorf("read draw result %d: %w", id, err)
	}
	var r Result
	if err := json.Unmarshal([]byte(result), &r); err != nil {
		return nil, fmt.Errorf("decode draw result %d: %w", id, err)
	}
	b, err := f.bundle(t.Commitment, seed, t.Beacon, r, *t.DrawnAt)
	if err != nil {
		return nil, fmt.Errorf("draw task %d: %w", id, err)
	}
	return b, nil
}

// frozen reads the status, the frozen inputs and the seed of a task.
func (s *Store) frozen(ctx context.Context, id int64) (TaskStatus, *frozenTask, []byte, error) {
	var status TaskStatus
	var inputs, seedHex string
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT status, inputs, seed FROM draw_tasks WHERE id = $1`, id).Scan(&status, &inputs, &seedHex))
	if errors.Is(err, store.ErrNotFound) {
		return status, nil, nil, apperr.New(apperr.NotFound, "", nil)
	}
	if err != nil {
		return status, nil, nil, fmt.Errorf("read draw task %d: %w", id, err)
	}
	var f frozenTask
	if err := json.Unmarshal([]byte(inputs), &f); err != nil {
		return status, nil, nil, fmt.Errorf("decode draw inputs %d: %w", id, err)
	}
	if f.Format != Format {
		return status, nil, nil, fmt.Errorf("draw task %d: its inputs are frozen in format %q, this version reads %q", id, f.Format, Format)
	}
	seed, err := hex.DecodeString(seedHex)
	if err != nil {
		return status, nil, nil, fmt.Errorf("decode draw seed %d: %w", id, err)
	}
	return status, &f, seed, nil
}
