package enforce

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// orderRectification records the rectification ordered by signed inspection in, due the
// rule's working days after the signing day. A second delivery inserts nothing.
func (s *Service) orderRectification(ctx context.Context, tx *sql.Tx, in signedInspection, day time.Time) error {
	due, ref, err := s.workingDeadline(ctx, ruleRectifyDays, day)
	if err != nil {
		return err
	}
	items, err := json.Marshal(in.GeneralFailures)
	if err != nil {
		return fmt.Errorf("rectification of %s: %w", in.UUID, err)
	}
	now := s.stamp()
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO rectifications (inspection_uuid, corrects, business_id, district_id,
		station_id, items, ordered_on, due_on, rule_ref, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $10)
		ON CONFLICT (inspection_uuid) DO NOTHING RETURNING id`,
		in.UUID, in.Corrects, in.BusinessID, in.DistrictID, in.StationID, string(items), day, due, ref, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // delivered before
	}
	if err != nil {
		return fmt.Errorf("rectification of %s: %w", in.UUID, store.Normalize(err))
	}
	r, err := rectificationByID(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.recordRectification(ctx, tx, r, "create", nil, TopicRectificationOrdered, "")
}

// replaceRectification marks the live rectification of inspection old replaced by the one
// of its correction newUUID.
func (s *Service) replaceRectification(ctx context.Context, tx *sql.Tx, old, newUUID string) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM rectifications WHERE inspection_uuid = $1
		AND status IN ('open','escalated')`, old).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("rectification of %s: %w", old, store.Normalize(err))
	}
	before, err := rectificationByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rectifications SET status = 'replaced', replaced_by = $2, updated_at = $3
		WHERE id = $1`, id, newUUID, s.stamp()); err != nil {
		return fmt.Errorf("replace rectification %d: %w", id, store.Normalize(err))
	}
	after := *before
	after.Status, after.ReplacedBy = Replaced, newUUID
	return s.recordRectification(ctx, tx, &after, "replace", before, TopicRectificationClosed, "replaced")
}

// recordRectification audits a change of r and, when topic is set, journals it.
func (s *Service) recordRectification(ctx context.Context, tx *sql.Tx, r *Rectification, action string, before any, topic, reason string) error {
	err := audit.Record(ctx, s.st, tx, audit.Event{Action: action, ObjectType: "rectification",
		ObjectID: strconv.FormatInt(r.ID, 10), Before: before, After: r})
	if err != nil || topic == "" {
		return err
	}
	_, err = journal.Append(ctx, tx, journal.Entry{Topic: topic, Key: r.InspectionUUID, Payload: r.fact(reason)})
	return err
}

const rectificationColumns = `r.id, r.inspection_uuid, r.corrects, r.business_id, b.name, r.district_id, r.station_id,
	r.items, r.ordered_on, r.due_on, r.rule_ref, r.status, r.escalated_at, r.closed_on, r.replaced_by`

const rectificationFrom = ` FROM rectifications r JOIN businesses b ON b.id = r.business_id`

func scanRectification(row interface{ Scan(...any) error }) (*Rectification, error) {
	r := &Rectification{Rechecks: []Recheck{}}
	var items string
	var escalated, closed sql.NullTime
	err := row.Scan(&r.ID, &r.InspectionUUID, &r.Corrects, &r.BusinessID, &r.BusinessName, &r.DistrictID, &r.StationID,
		&items, &r.OrderedOn, &r.DueOn, &r.RuleRef, &r.Status, &escalated, &closed, &r.ReplacedBy)
	if err != nil {
		return nil, err
	}
	r.OrderedOn, r.DueOn = r.OrderedOn.UTC(), r.DueOn.UTC()
	r.EscalatedAt, r.ClosedOn = store.TimePtr(escalated), store.TimePtr(closed)
	if err := json.Unmarshal([]byte(items), &r.Items); err != nil {
		return nil, fmt.Errorf("items of rectification %d: %w", r.ID, err)
	}
	return r, nil
}

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// rectificationByID reads rectification id with its re-inspections.
func rectificationByID(ctx context.Context, q querier, id int64) (*Rectification, error) {
	r, err := scanRectification(q.QueryRowContext(ctx, `SELECT `+rectificationColumns+rectificationFrom+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "enforce.rectification_not_found", map[string]any{"id": id})
	}
	if err != nil {
		return nil, fmt.Errorf("rectification %d: %w", id, store.Normalize(err))
	}
	r.Rechecks, err = rechecksOf(ctx, q, id)
	return r, err
}

func rechecksOf(ctx context.Context, q querier, id int64) ([]Recheck, error) {
	rows, err := q.QueryContext(ctx, `SELECT checked_on, passed, note, new_due_on, recorded_by, recorded_at
		FROM rectification_rechecks WHERE rectification_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("rechecks of %d: %w", id, store.Normalize(err))
	}
	defer rows.Close()
	out := []Recheck{}
	for rows.Next() {
		var c Recheck
		var passed int
		var due sql.NullTime
		if err := rows.Scan(&c.CheckedOn, &passed, &c.Note, &due, &c.RecordedBy, &c.RecordedAt); err != nil {
			return nil, fmt.Errorf("rechecks of %d: %w", id, store.Normalize(err))
		}
		c.Passed, c.NewDueOn, c.CheckedOn, c.RecordedAt = passed == 1, store.TimePtr(due), c.CheckedOn.UTC(), c.RecordedAt.UTC()
		out = append(out, c)
	}
	return out, store.Normalize(rows.Err())
}
