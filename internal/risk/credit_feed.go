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

// The journal topic of a credit record entered or changed (credit.TopicRecordChanged) and
// the name of the subscriber that records it.
const (
	topicCreditRecord = "credit.record.changed"
	creditSubscriber  = "risk.credit-records"
	creditSource      = "journal:" + topicCreditRecord
)

// creditRecord is what grading reads of a "credit.record.changed" payload
// (credit.RecordChanged): the record as it stands after the change.
type creditRecord struct {
	decision
	Kind        string `json:"kind"`
	ListedUntil string `json:"listed_until"` // a listing's first day off the list, "" while open
	RevokedOn   string `json:"revoked_on"`   // a penalty decision revoked
}

// creditKinds maps the kinds of credit records (credit.Kind) to record events.
var creditKinds = map[string]EventKind{"penalty": EventPenalty, "abnormal_operation": EventAbnormalOperation,
	"serious_dishonesty": EventSeriousDishonesty}

// recordCreditRecord brings a credit record into the record: a penalty as recordDecidedPenalty
// does, taken out for good once revoked; a listing (经营异常名录, 严重违法失信名单) with the
// day it ends, its term or its removal.
func (s *Service) recordCreditRecord(ctx context.Context, tx *sql.Tx, e journal.Entry) error {
	in, ev, err := readEvent[creditRecord](e)
	if err != nil {
		return err
	}
	switch {
	case ev.Kind == EventPenalty && in.RevokedOn != "":
		return correctEvents(ctx, tx, s.st.Dialect(), EventPenalty, ev.Ref, "revoked "+in.RevokedOn)
	case ev.Kind == EventPenalty:
		return recordPenalty(ctx, tx, s.st.Dialect(), ev, creditSource)
	}
	return recordListing(ctx, tx, s.st.Dialect(), ev)
}

// event is the record as a record event, refusing a payload grading cannot read.
func (in creditRecord) event() (BusinessEvent, error) {
	kind, ok := creditKinds[in.Kind]
	if !ok {
		return BusinessEvent{}, fmt.Errorf("credit record %s: unknown kind %q", in.DocumentNumber, in.Kind)
	}
	ev, err := in.decision.event(kind)
	if err != nil || in.ListedUntil == "" {
		return ev, err
	}
	until, err := time.Parse(time.DateOnly, in.ListedUntil)
	if err != nil {
		return ev, fmt.Errorf("credit record %s: listed_until %q: %w", in.DocumentNumber, in.ListedUntil, err)
	}
	ev.Until = &until
	return ev, nil
}

// recordListing records listing ev, or the end it has now. A listing's end only comes
// earlier — its term is fixed when listed, and a removal or repair ends it once — so the
// earliest end told stands, whatever order the changes are delivered in, and a change told
// again changes nothing.
func recordListing(ctx context.Context, tx *sql.Tx, d store.Dialect, ev BusinessEvent) error {
	var stored sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT until_at FROM risk_events WHERE business_id = $1 AND kind = $2 AND occurred_at = $3
		AND ref = $4`, ev.BusinessID, string(ev.Kind), ev.On.UTC(), ev.Ref).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return insertEvents(ctx, tx, d, []BusinessEvent{ev}, creditSource)
	case err != nil:
		return fmt.Errorf("read listing %s: %w", ev.Ref, store.Normalize(err))
	case ev.Until == nil || stored.Valid && !ev.Until.Before(stored.Time):
		return nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE risk_events SET until_at = $1 WHERE business_id = $2 AND kind = $3 AND occurred_at = $4
		AND ref = $5`, ev.Until.UTC(), ev.BusinessID, string(ev.Kind), ev.On.UTC(), ev.Ref)
	if err != nil {
		return fmt.Errorf("end listing %s: %w", ev.Ref, store.Normalize(err))
	}
	return repackRecords(ctx, tx, d, []int64{ev.BusinessID})
}
