package enforce

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// RecheckInput is the result of a re-inspection (复查). A failed one either sets a new
// deadline (NewDueOn, after the re-inspection) or escalates the rectification.
type RecheckInput struct {
	CheckedOn string `json:"checked_on"` // YYYY-MM-DD, not after today
	Passed    bool   `json:"passed"`
	Note      string `json:"note"`
	NewDueOn  string `json:"new_due_on"` // failed only: the new deadline; empty escalates
}

const maxNote = 1000

func (in RecheckInput) parse(today time.Time) (checked time.Time, newDue *time.Time, err error) {
	var c apperr.Collector
	checked = parseDay(&c, "checked_on", in.CheckedOn, true)
	if checked.After(today) {
		c.Add("checked_on", "enforce_not_future", nil)
	}
	if len([]rune(in.Note)) > maxNote {
		c.Add("note", "too_long", map[string]any{"max": maxNote})
	}
	if due := parseDay(&c, "new_due_on", in.NewDueOn, false); !due.IsZero() {
		switch {
		case in.Passed:
			c.Add("new_due_on", "enforce_due_failed_only", nil)
		case !due.After(checked):
			c.Add("new_due_on", "enforce_due_after_check", nil)
		}
		newDue = &due
	}
	return checked, newDue, c.Err()
}

// parseDay reads a civil date YYYY-MM-DD of field; empty is zero, or a field error when
// required.
func parseDay(c *apperr.Collector, field, s string, required bool) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			c.Add(field, "required", nil)
		}
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		c.Add(field, "date", nil)
	}
	return d
}

// Recheck records a re-inspection of rectification id: passed closes it; failed sets the
// new deadline or escalates it to the station's head.
func (s *Service) Recheck(ctx context.Context, id int64, in RecheckInput) (*Rectification, error) {
	var out *Rectification
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		r, err := rectificationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !(place{r.BusinessID, r.DistrictID, r.StationID}).writableBy(access.ScopeFrom(ctx)) {
			return errOutOfScope
		}
		if !r.live() {
			return apperr.New(apperr.Conflict, "enforce.rectification_done", map[string]any{"id": id, "status": string(r.Status)})
		}
		checked, newDue, err := in.parse(s.today())
		if err != nil {
			return err
		}
		out, err = s.applyRecheck(ctx, tx, r, in, checked, newDue)
		return err
	})
	return out, err
}

func (s *Service) applyRecheck(ctx context.Context, tx *sql.Tx, r *Rectification, in RecheckInput, checked time.Time, newDue *time.Time) (*Rectification, error) {
	now := s.stamp()
	if _, err := tx.ExecContext(ctx, `INSERT INTO rectification_rechecks (rectification_id, checked_on, passed, note,
		new_due_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		r.ID, checked, boolInt(in.Passed), strings.TrimSpace(in.Note), newDue, actor(ctx), now); err != nil {
		return nil, fmt.Errorf("recheck of rectification %d: %w", r.ID, store.Normalize(err))
	}
	after := *r
	topic, reason := "", ""
	var err error
	switch {
	case in.Passed:
		after.Status, after.ClosedOn, topic = Closed, &checked, TopicRectificationClosed
		_, err = tx.ExecContext(ctx, `UPDATE rectifications SET status = 'closed', closed_on = $2, updated_at = $3 WHERE id = $1`, r.ID, checked, now)
	case newDue != nil:
		after.Status, after.DueOn = Open, *newDue
		_, err = tx.ExecContext(ctx, `UPDATE rectifications SET status = 'open', due_on = $2, updated_at = $3 WHERE id = $1`, r.ID, *newDue, now)
	default:
		after.Status, after.EscalatedAt, topic, reason = Escalated, &now, TopicRectificationEscalated, "recheck_failed"
		_, err = tx.ExecContext(ctx, `UPDATE rectifications SET status = 'escalated', escalated_at = $2, updated_at = $2 WHERE id = $1`, r.ID, now)
	}
	if err != nil {
		return nil, fmt.Errorf("recheck of rectification %d: %w", r.ID, store.Normalize(err))
	}
	if err := s.recordRectification(ctx, tx, &after, "recheck", r, topic, reason); err != nil {
		return nil, err
	}
	return rectificationByID(ctx, tx, r.ID)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
