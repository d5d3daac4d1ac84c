package enforce

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// HearingRequest records that the party asked for a hearing (要求听证) after the notice.
type HearingRequest struct {
	RequestedOn string `json:"requested_on"` // YYYY-MM-DD
}

// RequestHearing records the party's request for a hearing on case id: only at the notice
// step, and no later than the request window the notice set.
func (s *Service) RequestHearing(ctx context.Context, id int64, in HearingRequest) (*Case, error) {
	var out *Case
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.writableCase(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Step != Notified || c.HearingRequested {
			return stepError("enforce.hearing_request_out_of_order", c.Step, Heard)
		}
		var v apperr.Collector
		day := parseDay(&v, "requested_on", in.RequestedOn, true)
		notice := c.stepRow(Notified)
		switch {
		case v.Err() != nil:
		case day.Before(notice.DoneOn) || day.After(s.today()):
			v.Add("requested_on", "enforce_request_window", map[string]any{"from": notice.DoneOn.Format(time.DateOnly)})
		case notice.DueOn != nil && day.After(*notice.DueOn):
			v.Add("requested_on", "enforce_request_late", map[string]any{"due": notice.DueOn.Format(time.DateOnly)})
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET hearing_requested = 1, updated_at = $2 WHERE id = $1`, id, s.stamp()); err != nil {
			return fmt.Errorf("hearing request of case %d: %w", id, store.Normalize(err))
		}
		err = audit.Record(ctx, s.st, tx, audit.Event{Action: "hearing_request", ObjectType: "case",
			ObjectID: strconv.FormatInt(id, 10), After: map[string]string{"requested_on": day.Format(time.DateOnly)}})
		if err != nil {
			return err
		}
		out, err = caseByID(ctx, tx, id)
		return err
	})
	return out, err
}
