package risk

import (
	"fmt"

	"github.com/shejian/shejian/internal/journal"
)

// Subscribe keeps the record that grading and the plan count read current from the
// journal: signed inspections (inspection_feed.go), penalties decided in enforcement cases
// (penalty_feed.go), and the credit file's records — penalties and their revocation,
// listings and their end (credit_feed.go). Each feed writes in the delivery's transaction,
// idempotently, and repacks the records it touched; a grade takes the change at the
// business's next grading, as it takes imported history.
func (s *Service) Subscribe(d *journal.Dispatcher) {
	d.Subscribe(inspectionSubscriber, []string{topicInspectionSigned}, s.recordInspection)
	d.Subscribe(penaltySubscriber, []string{topicPenaltyDecided}, s.recordDecidedPenalty)
	d.Subscribe(creditSubscriber, []string{topicCreditRecord}, s.recordCreditRecord)
}

// readEvent decodes the payload of e as a T and reads the record event it tells; a payload
// grading cannot read is an error naming the entry, which the journal retries and parks.
func readEvent[T any, P interface {
	*T
	event() (BusinessEvent, error)
}](e journal.Entry) (T, BusinessEvent, error) {
	var in T
	if err := e.Decode(&in); err != nil {
		return in, BusinessEvent{}, err
	}
	ev, err := P(&in).event()
	if err != nil {
		return in, ev, fmt.Errorf("journal entry %d: %w", e.ID, err)
	}
	return in, ev, nil
}
