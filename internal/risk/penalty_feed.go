package risk

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// The journal topic of a penalty decided in an enforcement case (enforce.TopicPenaltyDecided;
// risk reacts to the journal and does not import enforce) and the name of the subscriber
// that records it.
const (
	topicPenaltyDecided = "enforce.penalty.decided"
	penaltySubscriber   = "risk.penalties"
	penaltySource       = "journal:" + topicPenaltyDecided
)

// decision is what grading reads of a decision about a business — a penalty decision
// (行政处罚决定书) or a listing — in the payloads of enforce.PenaltyDecided and
// credit.RecordChanged, which name these fields alike. The rules count penalties and
// listings, not their amounts, so the rest of the decision is not read.
type decision struct {
	BusinessID     int64  `json:"business_id"`
	DocumentNumber string `json:"document_number"`
	DecidedOn      string `json:"decided_on"` // YYYY-MM-DD
}

// recordDecidedPenalty records a penalty decided in a case as a penalty event, keyed by the
// decision's number: the same decision delivered again, or told again by the credit file,
// is one event, and a decision revoked already is not recorded.
func (s *Service) recordDecidedPenalty(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	_, ev, err := readEvent[decidedPenalty](e)
	if err != nil {
		return err
	}
	return recordPenalty(ctx, tx, s.st.Dialect(), ev, penaltySource)
}

// decidedPenalty is what grading reads of an "enforce.penalty.decided" payload.
type decidedPenalty struct{ decision }

func (p decidedPenalty) event() (BusinessEvent, error) { return p.decision.event(EventPenalty) }

// event is the decision as a record event of kind, refusing a payload grading cannot read.
func (in decision) event(kind EventKind) (BusinessEvent, error) {
	day, err := time.Parse(time.DateOnly, in.DecidedOn)
	switch {
	case in.BusinessID <= 0 || in.DocumentNumber == "":
		return BusinessEvent{}, fmt.Errorf("%s decision without its business or number", kind)
	case err != nil:
		return BusinessEvent{}, fmt.Errorf("%s decision %s: decided_on %q: %w", kind, in.DocumentNumber, in.DecidedOn, err)
	}
	return BusinessEvent{BusinessID: in.BusinessID, Ref: in.DocumentNumber, Event: Event{Kind: kind, On: day}}, nil
}

// recordPenalty records penalty ev unless its decision was revoked.
func recordPenalty(ctx context.Context, tx *sql.Tx, d store.Dialect, ev BusinessEvent, source string) error {
	if revoked, err := corrected(ctx, tx, ev.Ref); err != nil || revoked {
		return err
	}
	return insertEvents(ctx, tx, d, []BusinessEvent{ev}, source)
}
