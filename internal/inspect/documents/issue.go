package documents

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/store"
)

// querier is what reads run on: the read pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// issue returns document kind of rec as issued: the stored number and facts, or, the first
// time, a new number of the issuing unit's sequence and the facts as they are now, recorded
// in one transaction. Two first issues at once both end with the one that committed.
func (s *Service) issue(ctx context.Context, rec *inspect.SignedRecord, kind Kind, req Request) (*issued, error) {
	in := rec.Inspection
	if kind == Order {
		if err := mayOrder(in); err != nil {
			return nil, err
		}
	}
	if doc, err := s.issuedAs(ctx, s.st.ReadDB(), in.ID, kind); doc != nil || err != nil {
		return doc, err
	}
	if access.ScopeFrom(ctx).BusinessID != 0 {
		// An operator reads what the inspectors issued; it takes no number and sets no deadline.
		return nil, apperr.New(apperr.Conflict, "documents.operator_not_issued", nil)
	}
	facts, err := s.newFacts(ctx, in, kind, req)
	if err != nil {
		return nil, err
	}
	var doc *issued
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		doc, err = s.record(ctx, tx, in, kind, facts)
		return err
	})
	if errors.Is(err, errTaken) {
		return s.issuedAs(ctx, s.st.DB(), in.ID, kind)
	}
	return doc, err
}

// newFacts collects the facts of a first issue, with the kind's own choices.
func (s *Service) newFacts(ctx context.Context, in *inspect.Inspection, kind Kind, req Request) (Facts, error) {
	f, err := s.collectFacts(ctx, in)
	if err != nil {
		return f, err
	}
	switch kind {
	case Result:
		base := s.opt.PublicBaseURL
		if base == "" {
			base = req.SiteURL
		}
		f.PublicURL = PublicResultURL(base, in.UUID)
	case Order:
		day := signedDay(in)
		days := req.DeadlineDays
		if days == 0 {
			if s.opt.Rules == nil {
				return f, errors.New("correction deadline: the document service has no rule book")
			}
			var err error
			if days, _, err = s.opt.Rules.Int(ctx, deadlineRule, day); err != nil {
				return f, fmt.Errorf("correction deadline: %w", err)
			}
		}
		if days < 1 || days > maxDeadlineDays {
			return f, apperr.Fields(apperr.Field("deadline_days", "documents_deadline_days", map[string]any{"max": maxDeadlineDays}))
		}
		f.DeadlineDays = days
		f.Due = s.opt.Calendar.Deadline(time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC), days).Due.Format(time.DateOnly)
	}
	return f, nil
}

// PublicResultURL is the public result of inspection uuid on the site at base: the
// projection every published result has (see inspect's public routes).
func PublicResultURL(base, uuid string) string { return base + "/api/v1/public/inspections/" + uuid }

// record takes the next number and stores the document in tx; errTaken when another
// transaction stored it first.
func (s *Service) record(ctx context.Context, tx *sql.Tx, in *inspect.Inspection, kind Kind, f Facts) (*issued, error) {
	year := signedDay(in).Year()
	seq, err := nextSeq(ctx, tx, in.DistrictID, string(kind), year)
	if err != nil {
		return nil, err
	}
	n := Number{Unit: in.DistrictID, Kind: string(kind), Year: year, Seq: seq, Text: numberText(f.Prefix, kind.word(), year, seq)}
	facts, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("facts of %s %s: %w", kind, in.UUID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_documents (inspection_id, kind, unit_id, year, seq, number, facts,
		issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		in.ID, kind, n.Unit, year, seq, n.Text, string(facts), time.Now().UTC(), actor(ctx))
	if errors.Is(store.Normalize(err), store.ErrUnique) {
		return nil, errTaken
	}
	if err != nil {
		return nil, fmt.Errorf("record %s of %s: %w", kind, in.UUID, store.Normalize(err))
	}
	return &issued{Number: n, Facts: f}, nil
}

// issuedAs reads document kind of inspection id as issued, nil when it is not.
func (s *Service) issuedAs(ctx context.Context, q querier, id int64, kind Kind) (*issued, error) {
	doc := issued{Number: Number{Kind: string(kind)}}
	var facts string
	err := q.QueryRowContext(ctx, `SELECT unit_id, year, seq, number, facts FROM inspection_documents
		WHERE inspection_id = $1 AND kind = $2`, id, kind).Scan(&doc.Number.Unit, &doc.Number.Year, &doc.Number.Seq, &doc.Number.Text, &facts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("issued %s of inspection %d: %w", kind, id, store.Normalize(err))
	}
	if err := json.Unmarshal([]byte(facts), &doc.Facts); err != nil {
		return nil, fmt.Errorf("facts of %s of inspection %d: %w", kind, id, err)
	}
	return &doc, nil
}

// mayOrder refuses an order to correct where there is nothing to correct, or where a key
// item failed: that is investigated as a case (立案查处, Order 49 arts. 31–33), not ordered.
func mayOrder(in *inspect.Inspection) error {
	r := in.Result
	switch {
	case r == nil:
		return apperr.New(apperr.Conflict, "documents.order_nothing_to_correct", nil)
	case len(r.KeyFailures) > 0:
		return apperr.New(apperr.Conflict, "documents.order_key_failed", map[string]any{"items": len(r.KeyFailures)})
	case len(r.GeneralFailures) == 0:
		return apperr.New(apperr.Conflict, "documents.order_nothing_to_correct", nil)
	}
	return nil
}

func errNotIssued(uuid string) error {
	return apperr.New(apperr.NotFound, "documents.not_issued", map[string]any{"uuid": uuid})
}

// actor is the login recorded as the issuer of a document.
func actor(ctx context.Context) string {
	if a := audit.ActorFrom(ctx); a.Login != "" {
		return a.Login
	}
	return audit.SystemLogin
}
