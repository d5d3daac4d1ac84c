package draw

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// CreateTask freezes the directories of the task's unit as its inputs, in their published
// form, and commits to them and to a fresh secret seed, in one transaction: the commitment
// is what is published before the draw.
func (s *Store) CreateTask(ctx context.Context, nt NewTask) (Task, error) {
	if err := nt.Config.Validate(); err != nil {
		return Task{}, err
	}
	seed, err := NewSeed()
	if err != nil {
		return Task{}, err
	}
	var id int64
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		raw, err := snapshot(ctx, tx, nt.OrgUnitID, nt.Items, nt.Config)
		if err != nil {
			return err
		}
		f, err := freeze(&raw, seed)
		if err != nil {
			return err
		}
		c, err := Commit(&f.Inputs, seed, time.Now().UTC())
		if err != nil {
			return err
		}
		inputs, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("encode draw inputs: %w", err)
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO draw_tasks (code, name, org_unit_id, status, inputs, input_digest, seed_sha256, seed, committed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			nt.Config.TaskID, nt.Config.TaskName, nt.OrgUnitID, TaskCommitted, string(inputs), c.InputDigest, c.SeedSHA256,
			hex.EncodeToString(seed), c.CommittedAt).Scan(&id)
		if errors.Is(store.Normalize(err), store.ErrUnique) {
			return apperr.Fields(apperr.Field("config.task_id", "unique", nil))
		}
		if err != nil {
			return fmt.Errorf("insert draw task: %w", err)
		}
		return s.recordTask(ctx, tx, id, "create", "draw.task.committed", c)
	})
	if err != nil {
		return Task{}, err
	}
	return s.Task(ctx, id)
}

// Draw runs the task's draw from its frozen inputs, its seed and the public beacon (a value
// announced after the commitment, such as a lottery result; may be empty), stores the
// result and its bundle and sets the publication deadline. A task is drawn once; a draw
// that fails changes nothing.
func (s *Store) Draw(ctx context.Context, id int64, beacon string) (Task, error) {
	task, err := s.Task(ctx, id)
	if err != nil {
		return Task{}, err
	}
	status, f, seed, err := s.frozen(ctx, id)
	if err != nil {
		return Task{}, err
	}
	if status != TaskCommitted {
		return Task{}, apperr.New(apperr.Conflict, "draw.task_status", nil)
	}
	result, err := Run(&f.Inputs, seed, beacon)
	if err != nil {
		return Task{}, err
	}
	// To the microsecond, as PostgreSQL keeps it: the bundle stored now says what one
	// assembled from the task's row would (Bundle).
	now := time.Now().UTC().Truncate(time.Microsecond)
	b, err := f.bundle(task.Commitment, seed, beacon, result, now)
	if err != nil {
		return Task{}, err
	}
	// Packed before the transaction: compressing a large draw takes seconds, and SQLite lets
	// no other write in meanwhile.
	bundle, err := packBundle(b)
	if err != nil {
		return Task{}, err
	}
	days, _, err := s.book.Int(ctx, PublishDeadlineRuleKey, now)
	if err != nil {
		return Task{}, fmt.Errorf("draw publication deadline: %w", err)
	}
	due := s.cal.Deadline(now.In(calendar.China), days).Due
	encoded, err := json.Marshal(result)
	if err != nil {
		return Task{}, fmt.Errorf("encode draw result: %w", err)
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE draw_tasks SET status = $1, beacon = $2, drawn_at = $3, result = $4, publish_due = $5
			WHERE id = $6 AND status = $7`, TaskDrawn, beacon, now, string(encoded), due, id, TaskCommitted)
		if err := changedOne(res, err); err != nil {
			return err
		}
		if err := writeAssignments(ctx, store.NewBatches(tx, s.st.Dialect()), id, f, result.Assignments); err != nil {
			return err
		}
		if err := saveBundle(ctx, tx, id, bundle); err != nil {
			return err
		}
		return s.recordTask(ctx, tx, id, "draw", "draw.task.drawn", map[string]any{"beacon": beacon, "assignments": len(result.Assignments), "publish_due": due.Format(time.DateOnly)})
	})
	if err != nil {
		return Task{}, err
	}
	return s.Task(ctx, id)
}

// Publish marks a drawn task's result as published (一公开).
func (s *Store) Publish(ctx context.Context, id int64) (Task, error) {
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE draw_tasks SET status = $1, published_at = $2 WHERE id = $3 AND status = $4`,
			TaskPublished, time.Now().UTC(), id, TaskDrawn)
		if err := changedOne(res, err); err != nil {
			return err
		}
		return s.recordTask(ctx, tx, id, "publish", "draw.task.published", nil)
	})
	if err != nil {
		return Task{}, err
	}
	return s.Task(ctx, id)
}

// changedOne turns an update that matched no row into a Conflict: the task is not in the
// status the step needs (drawn twice, published before drawn).
func changedOne(res sql.Result, err error) error {
	if err != nil {
		return fmt.Errorf("update draw task: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.New(apperr.Conflict, "draw.task_status", nil)
	}
	return nil
}

func (s *Store) recordTask(ctx context.Context, tx *sql.Tx, id int64, action, topic string, after any) error {
	key := strconv.FormatInt(id, 10)
	if _, err := journal.Append(ctx, tx, journal.Entry{Topic: topic, Key: key, Payload: after}); err != nil {
		return err
	}
	return audit.Record(ctx, s.st, tx, audit.Event{Action: action, ObjectType: "draw_task", ObjectID: key, After: after})
}

var (
	assignmentRows = store.BatchSQL{Head: `INSERT INTO draw_assignments (task_id, seq, business_id) VALUES `, Tuple: `(?, ?, ?)`}
	seatRows       = store.BatchSQL{Head: `INSERT INTO draw_assignment_inspectors (task_id, seq, seat, person_id) VALUES `, Tuple: `(?, ?, ?, ?)`}
)

// writeAssignments stores the result row by row, the pseudonyms of f resolved to the
// registry, for the inspectors' work lists and the previous inspectors of the next draw:
// every assignment, then their seats.
func writeAssignments(ctx context.Context, b *store.Batches, task int64, f *frozenTask, assignments []Assignment) error {
	defer b.Close()
	rows := &inserter{b: b, sql: &assignmentRows, width: 3}
	for seq, a := range assignments {
		business, err := f.business(a.Entity)
		if err != nil {
			return err
		}
		if err := rows.add(ctx, task, seq+1, business.ID); err != nil {
			return err
		}
	}
	if err := rows.flush(ctx); err != nil {
		return err
	}
	seats := &inserter{b: b, sql: &seatRows, width: 4}
	for seq, a := range assignments {
		for seat, p := range a.Inspectors {
			person, err := f.person(p)
			if err != nil {
				return err
			}
			if err := seats.add(ctx, task, seq+1, seat+1, person); err != nil {
				return err
			}
		}
	}
	return seats.flush(ctx)
}

// inserter buffers the rows of one batch statement and writes them a batch at a time.
type inserter struct {
	b     *store.Batches
	sql   *store.BatchSQL
	width int // arguments per row
	args  []any
}

func (w *inserter) add(ctx context.Context, values ...any) error {
	w.args = append(w.args, values...)
	if len(w.args) == w.width*store.BatchSize {
		return w.flush(ctx)
	}
	return nil
}

func (w *inserter) flush(ctx context.Context) error {
	n := len(w.args) / w.width
	if n == 0 {
		return nil
	}
	if err := w.b.Exec(ctx, w.sql, n, w.args); err != nil {
		return fmt.Errorf("insert draw result: %w", err)
	}
	w.args = w.args[:0]
	return nil
}
