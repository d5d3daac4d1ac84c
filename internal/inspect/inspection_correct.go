package inspect

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/seal"
)

// Correct opens inspection newUUID as the correction (更正) of signed inspection uuid: the
// same business, kind, source, template and inspectors, to be checked in, answered and
// signed again, and linked to the original, which stays as it was signed. Asking again
// with the same newUUID returns the correction already made.
func (s *Inspections) Correct(ctx context.Context, uuid, newUUID, reason string) (*Inspection, error) {
	newUUID, _ = normalUUID(newUUID)
	old, v, err := s.readable(ctx, uuid)
	if err != nil {
		return nil, forbidIfHidden(err)
	}
	if !v.mayWrite(old) {
		return nil, errOutOfScope
	}
	if prev, err := s.Get(ctx, newUUID); err == nil {
		if prev.Corrects != old.UUID {
			return nil, apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": newUUID})
		}
		return prev, nil
	}
	n := NewInspection{Source: old.Source, SourceRef: old.SourceRef, Kind: old.Kind, BusinessID: old.BusinessID,
		TemplateID: old.TemplateID}
	for _, p := range old.Inspectors {
		n.Inspectors = append(n.Inspectors, p.PersonID)
	}
	planned, err := n.validate(newUUID)
	if err != nil {
		return nil, err
	}
	b, err := s.businesses.Get(ctx, old.BusinessID)
	if err != nil {
		return nil, err
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.insert(ctx, tx, newUUID, n, b, planned); err != nil {
			return err
		}
		fresh, err := readInspection(ctx, tx, newUUID)
		if err != nil {
			return err
		}
		if err := seal.Correct(ctx, tx, seal.ObjectOf(sealInspection, old.ID), strconv.FormatInt(fresh.ID, 10), reason, actor(ctx)); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "correct", ObjectType: sealInspection,
			ObjectID: strconv.FormatInt(old.ID, 10), After: map[string]any{"correction": newUUID, "reason": reason}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, newUUID)
}
