package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// AddRecord enters a credit record of a business in the caller's scope, with its publicity
// fixed under the rules of its decision day, and reclassifies the business.
func (s *Service) AddRecord(ctx context.Context, in RecordInput) (Record, error) {
	if err := checkTarget(ctx, s.st.ReadDB(), in.BusinessID); err != nil {
		return Record{}, err // the scope first: a business outside it is refused whatever the input
	}
	r, err := in.record(s.today())
	if err != nil {
		return r, err
	}
	decided, err := s.policy(ctx, r.DecidedOn, "decided_on")
	if err != nil {
		return r, err
	}
	r.Publicity = decided.publicityOf(r, s.cal)
	err = s.st.Tx(ctx, func(tx *sql.Tx) error { return s.enter(ctx, tx, &r) })
	return r, err
}

// enter stores the validated record r in tx, announces it, reclassifies its business and
// audits it.
func (s *Service) enter(ctx context.Context, tx *sql.Tx, r *Record) error {
	if err := checkTarget(ctx, tx, r.BusinessID); err != nil {
		return err
	}
	if err := checkPenaltyOfListing(ctx, tx, *r); err != nil {
		return err
	}
	var err error
	if r.ID, err = insertRecord(ctx, tx, *r); err != nil {
		return err
	}
	if err := announce(ctx, tx, *r); err != nil {
		return err
	}
	if err := s.reclassifyToday(ctx, tx, r.BusinessID); err != nil {
		return err
	}
	return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: "credit_record", ObjectID: strconv.FormatInt(r.ID, 10), After: r})
}

// checkTarget allows a write about business id: named, existing (a field error otherwise)
// and in the caller's scope.
func checkTarget(ctx context.Context, q querier, id int64) error {
	if id <= 0 {
		return apperr.Fields(apperr.Field("business_id", "required", nil))
	}
	_, err := business(ctx, q, id, true)
	if errors.Is(err, errHidden) {
		return apperr.Fields(apperr.Field("business_id", "not_found", nil))
	}
	return err
}

// reclassifyToday reclassifies a business under the rules in force today.
func (s *Service) reclassifyToday(ctx context.Context, tx *sql.Tx, businessID int64) error {
	pol, err := LoadPolicy(ctx, s.book, s.today())
	if err == nil {
		_, err = reclassify(ctx, tx, pol, businessID)
	}
	return err
}

// checkPenaltyOfListing makes sure a serious-dishonesty listing rests on a heavier penalty
// of the same business that stands (Order 44: listed only with a 较重行政处罚).
func checkPenaltyOfListing(ctx context.Context, tx *sql.Tx, r Record) error {
	if r.Kind != KindSeriousDishonesty {
		return nil
	}
	p, err := scanRecord(tx.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM credit_records WHERE id = $1`, *r.PenaltyID))
	switch {
	case errors.Is(store.Normalize(err), store.ErrNotFound):
		return apperr.Fields(apperr.Field("penalty_id", "not_found", nil))
	case err != nil:
		return fmt.Errorf("read penalty %d: %w", *r.PenaltyID, err)
	case p.BusinessID != r.BusinessID || !p.heavier() || p.Revoked != nil:
		return apperr.Fields(apperr.Field("penalty_id", "credit_serious_needs_heavier", nil))
	}
	return nil
}

func insertRecord(ctx context.Context, tx *sql.Tx, r Record) (int64, error) {
	measures := make([]string, len(r.Measures))
	for i, m := range r.Measures {
		measures[i] = string(m)
	}
	now := time.Now().UTC()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO credit_records (business_id, kind, document_number, decided_on, violation,
		measures, fine_yuan, ban_months, severe, simple_procedure, penalty_id, reason, publishable, publicity_months,
		publish_due, rule_refs, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id`,
		r.BusinessID, string(r.Kind), r.DocumentNumber, r.DecidedOn, r.Violation, strings.Join(measures, ","), r.FineYuan,
		r.BanMonths, boolInt(r.Severe), boolInt(r.SimpleProcedure), r.PenaltyID, r.Reason, boolInt(r.Publishable),
		r.PublicityMonths, r.PublishDue, r.RuleRefs, now).Scan(&id)
	if err = store.Normalize(err); errors.Is(err, store.ErrUnique) {
		return 0, apperr.Fields(apperr.Field("document_number", "unique", nil))
	}
	if err != nil {
		return 0, fmt.Errorf("insert credit record: %w", err)
	}
	return id, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
