package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
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

// Subscribe records every signed inspection in the record grading and the plan count (as
// an inspection event with its result, full checklist unless flying), in the journal's
// delivery transaction and idempotently: the event is keyed by the inspection's UUID, and a
// correction replaces the event of the inspection it corrects, in whichever order the two
// come.
func (s *Service) Subscribe(d *journal.Dispatcher) {
	d.Subscribe(inspectionSubscriber, []string{topicInspectionSigned}, s.recordInspection)
}

func (s *Service) recordInspection(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	var in signedInspection
	if err := e.Decode(&in); err != nil {
		return err
	}
	ev, err := in.event()
	if err != nil {
		return fmt.Errorf("journal entry %d: %w", e.ID, err)
	}
	if in.Corrects != "" {
		if err := correctInspection(ctx, tx, s.st.Dialect(), in.Corrects, in.UUID); err != nil {
			return err
		}
	}
	var corrected int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM risk_event_corrections WHERE ref = $1`, in.UUID).Scan(&corrected)
	if err != nil {
		return fmt.Errorf("find corrections of inspection %s: %w", in.UUID, store.Normalize(err))
	}
	if corrected > 0 {
		return nil // corrected already: its correction counts instead
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

// correctInspection notes that inspection old is corrected by the one named by, and removes
// old's event if it came first, repacking the record it was in.
func correctInspection(ctx context.Context, tx *sql.Tx, d store.Dialect, old, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO risk_event_corrections (ref, corrected_by, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (ref) DO NOTHING`, old, by, time.Now().UTC())
	var businesses []int64
	if err == nil {
		businesses, err = deleteInspections(ctx, tx, old)
	}
	if err != nil {
		return fmt.Errorf("correct inspection %s by %s: %w", old, by, store.Normalize(err))
	}
	return repackRecords(ctx, tx, d, businesses)
}

// deleteInspections deletes the inspection events with reference ref and returns their
// businesses.
func deleteInspections(ctx context.Context, tx *sql.Tx, ref string) ([]int64, error) {
	return queryIDs(ctx, tx, `DELETE FROM risk_events WHERE kind = 'inspection' AND ref = $1 RETURNING business_id`, ref)
}
