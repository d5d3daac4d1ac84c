package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// viewer is the caller as inspections see it: its jurisdiction and, for staff, its own
// person record, since an inspector sees the inspections it is seated on wherever they are.
type viewer struct {
	scope    access.Scope
	personID int64
}

// viewerOf reads the caller's person record (users.person_id) beside its scope.
func (s *Inspections) viewerOf(ctx context.Context) (viewer, error) {
	v := viewer{scope: access.ScopeFrom(ctx)}
	u := web.UserFrom(ctx)
	if u == nil || u.ID == 0 {
		return v, nil
	}
	var person sql.NullInt64
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT person_id FROM users WHERE id = $1`, u.ID).Scan(&person)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("person of user %d: %w", u.ID, store.Normalize(err))
	}
	v.personID = person.Int64
	return v, nil
}

// operator reports whether the caller is a business operator (scope of one business).
func (v viewer) operator() bool { return v.scope.BusinessID != 0 }

// seated reports whether the caller is one of the inspection's inspectors.
func (v viewer) seated(in *Inspection) bool {
	return v.personID != 0 && slices.ContainsFunc(in.Inspectors, func(p Inspector) bool { return p.PersonID == v.personID })
}

// sees reports whether the caller may read in: staff inside its jurisdiction or seated on
// it; an operator its own business's inspections once signed.
func (v viewer) sees(in *Inspection) bool {
	if v.operator() {
		return in.BusinessID == v.scope.BusinessID && in.SignedAt != nil
	}
	return v.seated(in) || v.scope.CoversBusiness(in.BusinessID, in.DistrictID, in.StationID, nil)
}

// mayWrite reports whether the caller may work on in: staff who see it.
func (v viewer) mayWrite(in *Inspection) bool { return !v.operator() && v.sees(in) }

// errOutOfScope refuses a write outside the caller's jurisdiction.
var errOutOfScope = apperr.New(apperr.Forbidden, "access.out_of_scope", nil)

func inspectionNotFound(uuid string) error {
	return apperr.New(apperr.NotFound, "inspect.inspection_not_found", map[string]any{"uuid": uuid})
}

// readable returns inspection uuid when the caller may read it; otherwise it is not found.
func (s *Inspections) readable(ctx context.Context, uuid string) (*Inspection, viewer, error) {
	v, err := s.viewerOf(ctx)
	if err != nil {
		return nil, v, err
	}
	in, err := s.Get(ctx, uuid)
	if err != nil {
		return nil, v, err
	}
	if !v.sees(in) {
		return nil, v, inspectionNotFound(uuid)
	}
	return in, v, nil
}

// writableBy checks, inside a write's transaction, that the caller may work on in.
func (s *Inspections) writableBy(ctx context.Context, in *Inspection) error {
	v, err := s.viewerOf(ctx)
	if err != nil {
		return err
	}
	if !v.mayWrite(in) {
		return errOutOfScope
	}
	return nil
}
