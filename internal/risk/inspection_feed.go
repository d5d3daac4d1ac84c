package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/journal"
)

// The journal topic of a signed inspection (inspect.TopicSigned; risk reacts to the
// journal and does not import inspect) and the name of the subscriber that records it.
const (
	topicInspectionSigned = "inspect.signed"
	inspectionSubscriber  = "risk.inspections"
	inspectionSource      = "journal:" + topicInspectionSigned
)

// signedInspection is what grading reads of an "inspect.signed" payload (inspect.SignedFact).
type signedInspection struct {
	UUID       string `json:"uuid"`
	BusinessID int64  `json:"business_id"`
	Date       string `json:"date"` // the signing day in China, YYYY-MM-DD
	Outcome    string `json:"outcome"`
	Kind       string `json:"kind"`
	Corrects   string `json:"corrects"` // UUID of the inspection this one corrects
}

// inspectOutcomes maps the outcomes of inspect (inspect.Outcome) to inspection results;
// fullChecklistKinds are the kinds of inspection (inspect.Kind) that cover the whole
// checklist: a flying inspection (飞行检查) need not (Order 49 art. 27).
var (
	inspectOutcomes    = map[string]string{"compliant": ResultCompliant, "basically_compliant": ResultBasic, "non_compliant": ResultNonCompliant}
	fullChecklistKinds = map[string]bool{"daily": true, "systems": true, "flying": false}
)

// recordInspection records a signed inspection in the record grading and the plan count (as
// an inspection event with its result, full checklist unless flying), idempotently: the
// event is keyed by the inspection's UUID, and a correction replaces the event of the
// inspection it corrects, in whichever order the two come.
func (s *Service) recordInspection(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	in, ev, err := readEvent[signedInspection](e)
	if err != nil {
		return err
	}
	if in.Corrects != "" {
		if err := correctEvents(ctx, tx, s.st.Dialect(), EventInspection, in.Corrects, in.UUID); err != nil {
			return err
		}
	}
	if done, err := corrected(ctx, tx, in.UUID); err != nil || done {
		return err // corrected already: its correction counts instead
	}
	return insertEvents(ctx, tx, s.st.Dialect(), []BusinessEvent{ev}, inspectionSource)
}

// event is the inspection as a record event, refusing a payload grading cannot read.
func (in signedInspection) event() (BusinessEvent, error) {
	result, okResult := inspectOutcomes[in.Outcome]
	full, okKind := fullChecklistKinds[in.Kind]
	day, err := time.Parse(time.DateOnly, in.Date)
	switch {
	case in.UUID == "" || in.BusinessID <= 0:
		return BusinessEvent{}, errors.New("signed inspection without its uuid or business")
	case err != nil:
		return BusinessEvent{}, fmt.Errorf("signed inspection %s: date %q: %w", in.UUID, in.Date, err)
	case !okResult || !okKind:
		return BusinessEvent{}, fmt.Errorf("signed inspection %s: unknown outcome %q or kind %q", in.UUID, in.Outcome, in.Kind)
	}
	return BusinessEvent{BusinessID: in.BusinessID, Ref: in.UUID,
		Event: Event{Kind: EventInspection, On: day, Result: result, FullChecklist: full}}, nil
}
