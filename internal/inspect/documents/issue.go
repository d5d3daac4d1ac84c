package documents

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// register is where inspection documents are recorded; their kinds count in sequences of
// their own names (record, result, order).
var register = pdfdoc.Register{Table: "inspection_documents", Owner: "inspection_id"}

// issued is a document already recorded: its number and frozen facts.
type issued struct {
	Number pdfdoc.Number
	Facts  Facts
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
	doc := &issued{}
	var err error
	if doc.Facts, err = s.newFacts(ctx, in, kind, req); err != nil {
		return nil, err
	}
	year := signedDay(in).Year()
	doc.Number, err = register.Issue(ctx, s.st, in.ID, string(kind),
		pdfdoc.Counter{Unit: in.DistrictID, Year: year, Prefix: doc.Facts.Prefix, Word: kind.word()}, &doc.Facts)
	if err != nil {
		return nil, err
	}
	return doc, nil
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

// issuedAs reads document kind of inspection id as issued, nil when it is not.
func (s *Service) issuedAs(ctx context.Context, q pdfdoc.Querier, id int64, kind Kind) (*issued, error) {
	var doc issued
	n, ok, err := register.Issued(ctx, q, id, string(kind), &doc.Facts)
	if !ok || err != nil {
		return nil, err
	}
	doc.Number = n
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
