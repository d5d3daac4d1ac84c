package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// change runs fn on inspection uuid in one transaction after the checks every write makes:
// the inspection exists, the caller may work on it, it is not signed (a 409 that says when
// and by whom it was signed) and it is at one of the stages. What fn returns is audited
// under action; nil means fn changed nothing.
func (s *Inspections) change(ctx context.Context, uuid, action string, stages []Stage,
	fn func(tx *sql.Tx, in *Inspection) (any, error)) (*Inspection, error) {
	uuid, _ = normalUUID(uuid)
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		in, err := readInspection(ctx, tx, uuid)
		if err != nil {
			return err
		}
		if err := s.writableBy(ctx, in); err != nil {
			return err
		}
		if err := seal.CheckWritable(ctx, tx, seal.ObjectOf(sealInspection, in.ID)); err != nil {
			return err
		}
		if !slices.Contains(stages, in.Status) {
			return wrongStage(in.Status, stages)
		}
		after, err := fn(tx, in)
		if err != nil || after == nil { // nil: nothing changed, nothing to audit
			return seal.Normalize(err)
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: action, ObjectType: sealInspection,
			ObjectID: strconv.FormatInt(in.ID, 10), After: after})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, uuid)
}

// wrongStage is the Conflict of a step taken out of order.
func wrongStage(at Stage, want []Stage) error {
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = string(w)
	}
	return apperr.New(apperr.Conflict, "inspect.wrong_stage", map[string]any{"stage": string(at), "want": fmt.Sprint(names)})
}

// setStage moves inspection id to stage.
func setStage(ctx context.Context, tx *sql.Tx, id int64, stage Stage) error {
	if _, err := tx.ExecContext(ctx, `UPDATE inspections SET status = $2 WHERE id = $1`, id, string(stage)); err != nil {
		return fmt.Errorf("inspection %d to %s: %w", id, stage, store.Normalize(err))
	}
	return nil
}

// isDuplicate reports a unique violation.
func isDuplicate(err error) bool { return errors.Is(store.Normalize(err), store.ErrUnique) }
