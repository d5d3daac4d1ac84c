package credit

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/journal"
)

// TopicRecordChanged is the journal topic of a credit record entered or changed (published,
// revoked, withdrawn, removed, repaired); its payload is a RecordChanged with the record as
// it stands after the change. Risk grading takes penalties, their revocation and the
// listings with their end from it.
const TopicRecordChanged = "credit.record.changed"

// RecordChanged is the payload of TopicRecordChanged. Days are YYYY-MM-DD.
type RecordChanged struct {
	RecordID       int64  `json:"record_id"`
	BusinessID     int64  `json:"business_id"`
	Kind           Kind   `json:"kind"`
	DocumentNumber string `json:"document_number"`
	DecidedOn      string `json:"decided_on"`
	// ListedUntil is, for a listing, the first day it no longer runs (its term ended, or it
	// was removed or repaired); "" while it runs without an end.
	ListedUntil string `json:"listed_until,omitempty"`
	RevokedOn   string `json:"revoked_on,omitempty"` // a penalty decision revoked (撤销)
}

// announce appends the TopicRecordChanged entry of r as it now stands, in tx.
func announce(ctx context.Context, tx *sql.Tx, r Record) error {
	fact := RecordChanged{RecordID: r.ID, BusinessID: r.BusinessID, Kind: r.Kind, DocumentNumber: r.DocumentNumber,
		DecidedOn: r.DecidedOn.Format(time.DateOnly), ListedUntil: dayOrEmpty(r.listedUntil()), RevokedOn: dayOrEmpty(r.Revoked)}
	_, err := journal.Append(ctx, tx, journal.Entry{Topic: TopicRecordChanged, Key: strconv.FormatInt(r.ID, 10), Payload: fact})
	return err
}

// announceStored announces record id as stored in tx, read in the caller's scope.
func announceStored(ctx context.Context, tx *sql.Tx, id int64) error {
	r, err := record(ctx, tx, id, true)
	if err != nil {
		return err
	}
	return announce(ctx, tx, r)
}

// listedUntil is the first day on which listed is false again for a listing that began,
// or nil while no such day is known; nil for a penalty.
func (r Record) listedUntil() *time.Time {
	if r.Kind == KindPenalty {
		return nil
	}
	var end *time.Time
	if r.PublicityMonths > 0 {
		term := r.DecidedOn.AddDate(0, r.PublicityMonths, 0)
		end = &term
	}
	if r.Ended != nil && (end == nil || r.Ended.Before(*end)) {
		end = r.Ended
	}
	return end
}

func dayOrEmpty(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
