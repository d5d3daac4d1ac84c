package credit

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
)

// The actions on a record after it was entered. Each happens once.
const (
	ActionPublish  = "publish"  // published on the 公示系统
	ActionRevoke   = "revoke"   // the penalty decision was changed, revoked or found void (Order 45 art. 11)
	ActionWithdraw = "withdraw" // the published information of a revoked penalty taken down
	ActionRemove   = "remove"   // a listing removed (移出)
)

// ActionInput is the day an action took effect and, for a revocation or removal, why.
type ActionInput struct {
	On     string `json:"on"` // YYYY-MM-DD
	Reason string `json:"reason"`
}

// change is the update an action makes: the SET clause, its arguments from $1, and the
// column that must still be empty (the action happens once).
type change struct {
	set   string
	args  []any
	empty string
}

// Act applies action to record id of a business in the caller's scope and reclassifies the
// business. An action that does not fit the record is a Conflict; one already taken too.
func (s *Service) Act(ctx context.Context, id int64, action string, in ActionInput) (Record, error) {
	var after Record
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		r, err := record(ctx, tx, id, true)
		if err != nil {
			return err
		}
		ch, err := s.changeOf(ctx, r, action, in)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE credit_records SET %s, updated_at = $%d WHERE id = $%d AND %s IS NULL`,
			ch.set, len(ch.args)+1, len(ch.args)+2, ch.empty), append(ch.args, time.Now().UTC(), id)...)
		if err != nil {
			return fmt.Errorf("%s credit record %d: %w", action, id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return apperr.New(apperr.Conflict, "credit.action_done", map[string]any{"action": action})
		}
		if err := s.reclassifyToday(ctx, tx, r.BusinessID); err != nil {
			return err
		}
		if after, err = record(ctx, tx, id, true); err != nil {
			return err
		}
		if err := announce(ctx, tx, after); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: action, ObjectType: "credit_record", ObjectID: strconv.FormatInt(id, 10), Before: r, After: after})
	})
	return after, err
}

// changeOf checks that action fits r and builds its update.
func (s *Service) changeOf(ctx context.Context, r Record, action string, in ActionInput) (change, error) {
	var c apperr.Collector
	day := parseDay(&c, "on", in.On, s.today())
	if !day.IsZero() && day.Before(r.DecidedOn) {
		c.Add("on", "credit_before_decision", map[string]any{"date": r.DecidedOn.Format(time.DateOnly)})
	}
	key, known := misfits[action]
	switch {
	case !known:
		return change{}, errHidden
	case !r.fits(action):
		return change{}, apperr.New(apperr.Conflict, key, map[string]any{"action": action})
	}
	switch action {
	case ActionPublish:
		return change{"published_on = $1", []any{day}, "published_on"}, c.Err()
	case ActionRevoke:
		checkNote(&c, "reason", in.Reason, true)
		if err := c.Err(); err != nil {
			return change{}, err
		}
		return s.revocation(ctx, r, day, in.Reason)
	case ActionWithdraw:
		return change{"withdrawn_on = $1", []any{day}, "withdrawn_on"}, c.Err()
	}
	checkNote(&c, "reason", in.Reason, true)
	return change{"ended_on = $1, end_reason = $2, end_note = $3", []any{day, EndRemoved, in.Reason}, "ended_on"}, c.Err()
}

// misfits names, per action, the conflict of taking it on a record it does not fit.
var misfits = map[string]string{
	ActionPublish:  "credit.not_publishable",
	ActionRevoke:   "credit.penalty_only",
	ActionWithdraw: "credit.not_revoked",
	ActionRemove:   "credit.listing_only",
}

// fits reports whether action applies to r at all: only a publishable record that stands is
// published, only a penalty revoked, only a revoked penalty that was published withdrawn,
// only a listing removed.
func (r Record) fits(action string) bool {
	switch action {
	case ActionPublish:
		return r.Publishable && r.Revoked == nil
	case ActionRevoke:
		return r.Kind == KindPenalty
	case ActionWithdraw:
		return r.Revoked != nil && r.Published != nil
	case ActionRemove:
		return r.Kind != KindPenalty
	}
	return false
}

// Offers reports whether action may still be taken on r: it fits the record and was not
// taken yet (each action happens once). The record page offers only these; Act decides.
func (r Record) Offers(action string) bool {
	taken := map[string]*time.Time{ActionPublish: r.Published, ActionRevoke: r.Revoked, ActionWithdraw: r.Withdrawn, ActionRemove: r.Ended}
	return r.fits(action) && taken[action] == nil
}

// revocation records a revoked penalty; a published one must be withdrawn within the
// working days of the rules in force on the day of revocation (Order 45 art. 11).
func (s *Service) revocation(ctx context.Context, r Record, day time.Time, reason string) (change, error) {
	var due any
	if r.Published != nil {
		pol, err := s.policy(ctx, day, "on")
		if err != nil {
			return change{}, err
		}
		due = pol.withdrawDue(day, s.cal)
	}
	return change{"revoked_on = $1, revoke_reason = $2, withdraw_due = $3", []any{day, reason, due}, "revoked_on"}, nil
}
