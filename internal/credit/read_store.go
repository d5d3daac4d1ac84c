package credit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Business is what the credit file shows of a business.
type Business struct {
	ID   int64  `json:"id"`
	USCC string `json:"uscc"`
	Name string `json:"name"`
}

// Records outside the caller's scope answer "not found" to reads and "forbidden" to
// writes, as everywhere (access.Scope).
var (
	errHidden    = apperr.New(apperr.NotFound, "credit.not_found", nil)
	errForbidden = apperr.New(apperr.Forbidden, "", nil)
)

// business reads business id when the caller's scope covers it; write says which refusal a
// business outside the scope gets.
func business(ctx context.Context, q querier, id int64, write bool) (Business, error) {
	b := Business{ID: id}
	var district, station int64
	var grid *int64
	err := store.Normalize(q.QueryRowContext(ctx, `SELECT uscc, name, district_id, station_id, grid_id FROM businesses WHERE id = $1`, id).
		Scan(&b.USCC, &b.Name, &district, &station, &grid))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return b, errHidden
	case err != nil:
		return b, fmt.Errorf("read business %d: %w", id, err)
	case access.ScopeFrom(ctx).CoversBusiness(id, district, station, grid):
		return b, nil
	case write:
		return b, errForbidden
	}
	return b, errHidden
}

const recordColumns = `id, business_id, kind, document_number, decided_on, violation, measures, fine_yuan, ban_months,
	severe, simple_procedure, penalty_id, reason, publishable, publicity_months, publish_due, rule_refs, published_on,
	revoked_on, revoke_reason, withdraw_due, withdrawn_on, ended_on, end_reason, end_note`

func scanRecord(row interface{ Scan(...any) error }) (Record, error) {
	var r Record
	var measures string
	var severe, simple, publishable int
	var penalty sql.NullInt64
	var due, published, revoked, withdrawDue, withdrawn, ended sql.NullTime
	err := row.Scan(&r.ID, &r.BusinessID, &r.Kind, &r.DocumentNumber, &r.DecidedOn, &r.Violation, &measures, &r.FineYuan,
		&r.BanMonths, &severe, &simple, &penalty, &r.Reason, &publishable, &r.PublicityMonths, &due, &r.RuleRefs, &published,
		&revoked, &r.RevokeReason, &withdrawDue, &withdrawn, &ended, &r.EndReason, &r.EndNote)
	if err != nil {
		return r, err
	}
	for _, m := range strings.Split(measures, ",") {
		if m != "" {
			r.Measures = append(r.Measures, Measure(m))
		}
	}
	r.DecidedOn = r.DecidedOn.UTC()
	r.Severe, r.SimpleProcedure, r.Publishable = severe == 1, simple == 1, publishable == 1
	r.PenaltyID = store.IntPtr(penalty)
	r.PublishDue, r.Published, r.Revoked = utcPtr(due), utcPtr(published), utcPtr(revoked)
	r.WithdrawDue, r.Withdrawn, r.Ended = utcPtr(withdrawDue), utcPtr(withdrawn), utcPtr(ended)
	return r, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// recordsOf lists the records of a business, oldest decision first.
func recordsOf(ctx context.Context, q querier, businessID int64) ([]Record, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+recordColumns+` FROM credit_records WHERE business_id = $1 ORDER BY decided_on, id`, businessID)
	if err != nil {
		return nil, fmt.Errorf("read credit records of %d: %w", businessID, store.Normalize(err))
	}
	defer rows.Close()
	out := []Record{}
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("scan credit record: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// record reads record id when the caller's scope covers its business.
func record(ctx context.Context, q querier, id int64, write bool) (Record, error) {
	r, err := scanRecord(q.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM credit_records WHERE id = $1`, id))
	if errors.Is(store.Normalize(err), store.ErrNotFound) {
		return r, errHidden
	}
	if err != nil {
		return r, fmt.Errorf("read credit record %d: %w", id, err)
	}
	_, err = business(ctx, q, r.BusinessID, write)
	return r, err
}
