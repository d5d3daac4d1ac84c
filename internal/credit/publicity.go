package credit

import (
	"slices"
	"time"
)

// Publicity is when a record is shown to the public on the 公示系统 and the deadlines of
// doing so, fixed from the rules in force when the record was made.
type Publicity struct {
	// Publishable is false for a penalty decided under the simple procedure or consisting of a
	// warning alone (Order 45 art. 2): it is kept in the file but never published.
	Publishable bool `json:"publishable"`
	// PublicityMonths is the publicity period of a penalty from its publication (Order 45
	// art. 13) or the term of a serious-dishonesty listing from its decision; 0 for an
	// abnormal-operation listing, which runs until removed.
	PublicityMonths int        `json:"publicity_months"`
	PublishDue      *time.Time `json:"publish_due,omitempty"` // last day to publish (working days)
	Published       *time.Time `json:"published_on,omitempty"`
	WithdrawDue     *time.Time `json:"withdraw_due,omitempty"` // last day to withdraw a revoked penalty
	Withdrawn       *time.Time `json:"withdrawn_on,omitempty"`
	RuleRefs        string     `json:"rule_refs"`
}

// minor reports whether a penalty is only a public criticism or a low fine (仅受到通报批评或者
// 较低数额罚款, Order 45 art. 13): a warning beside them changes nothing, any other measure
// does.
func minor(r Record, lowFineMax float64) bool {
	some := false
	for _, m := range r.Measures {
		switch m {
		case MeasureWarning:
		case MeasureCriticism:
			some = true
		case MeasureFine:
			if r.FineYuan > lowFineMax {
				return false
			}
			some = true
		default:
			return false
		}
	}
	return some
}

// publishable reports whether a penalty is published at all (Order 45 art. 2).
func publishable(r Record) bool {
	if r.Kind != KindPenalty {
		return true
	}
	onlyWarning := !slices.ContainsFunc(r.Measures, func(m Measure) bool { return m != MeasureWarning })
	return !r.SimpleProcedure && !onlyWarning
}

// PublicUntil is the first day the record is no longer public (its period ended, it was
// removed, repaired or withdrawn), or nil while that day is open.
func (r Record) PublicUntil() *time.Time {
	var end *time.Time
	earlier := func(t time.Time) {
		if end == nil || t.Before(*end) {
			end = &t
		}
	}
	switch {
	case r.Kind == KindPenalty && r.Published != nil:
		earlier(r.Published.AddDate(0, r.PublicityMonths, 0))
	case r.Kind != KindPenalty && r.PublicityMonths > 0:
		earlier(r.DecidedOn.AddDate(0, r.PublicityMonths, 0))
	}
	for _, t := range []*time.Time{r.Ended, r.Withdrawn} {
		if t != nil {
			earlier(*t)
		}
	}
	return end
}

// Public reports whether the public may see the record on day: published, inside its
// period, not ended early and not withdrawn.
func (r Record) Public(day time.Time) bool {
	if !r.Publishable || r.Published == nil || day.Before(*r.Published) {
		return false
	}
	until := r.PublicUntil()
	return until == nil || day.Before(*until)
}

// The states of a record as the file shows them on a day.
const (
	StateNotPublished   = "not_published"   // never published (warning alone, simple procedure)
	StateUnpublished    = "unpublished"     // to be published by PublishDue
	StatePublishOverdue = "publish_overdue" // PublishDue passed unpublished
	StatePublic         = "public"          // shown to the public
	StateWithdrawDue    = "withdraw_due"    // revoked, to be withdrawn by WithdrawDue
	StateWithdrawLate   = "withdraw_late"   // revoked, WithdrawDue passed still shown
	StateWithdrawn      = "withdrawn"       // revoked and withdrawn
	StateRevoked        = "revoked"         // revoked before it was published
	StateRepaired       = "repaired"        // publicity or listing ended early by credit repair
	StateRemoved        = "removed"         // listing removed
	StateEnded          = "ended"           // period or term over
)

// State says where the record stands on day, for the file and the overdue lists.
func (r Record) State(day time.Time) string {
	switch {
	case !r.Publishable:
		return StateNotPublished
	case r.Withdrawn != nil:
		return StateWithdrawn
	case r.Revoked != nil && r.Published == nil:
		return StateRevoked
	case r.Revoked != nil:
		return lateOr(day, r.WithdrawDue, StateWithdrawDue, StateWithdrawLate)
	case r.EndReason == EndRepaired:
		return StateRepaired
	case r.EndReason == EndRemoved:
		return StateRemoved
	case r.Published == nil:
		return lateOr(day, r.PublishDue, StateUnpublished, StatePublishOverdue)
	case r.Public(day):
		return StatePublic
	}
	return StateEnded
}

// lateOr is late when due has passed on day, else onTime.
func lateOr(day time.Time, due *time.Time, onTime, late string) string {
	if due != nil && day.After(*due) {
		return late
	}
	return onTime
}
