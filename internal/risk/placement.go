package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// Placement is where a business sits in the org tree, which decides who may see its grade.
type Placement struct {
	ID, DistrictID, StationID int64
	GridID                    *int64
	Name                      string
}

// InScope decides whether a business is in the caller's jurisdiction.
type InScope func(Placement) bool

// ScopeOf is the InScope of the caller of ctx (access.Scope).
func ScopeOf(ctx context.Context) InScope {
	s := access.ScopeFrom(ctx)
	return func(p Placement) bool { return s.CoversBusiness(p.ID, p.DistrictID, p.StationID, p.GridID) }
}

const placementColumns = `id, district_id, station_id, grid_id, name`

func (p *Placement) dest() []any {
	return []any{&p.ID, &p.DistrictID, &p.StationID, &p.GridID, &p.Name}
}

// placed returns the placement of business id when inScope admits it; otherwise, as for a
// business that does not exist, NotFound, so that a business outside the jurisdiction
// stays hidden.
func (s *Service) placed(ctx context.Context, id int64, inScope InScope) (Placement, error) {
	var p Placement
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT `+placementColumns+` FROM businesses WHERE id = $1`, id).Scan(p.dest()...)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && !inScope(p):
		return p, apperr.New(apperr.NotFound, "risk.business_not_found", map[string]any{"id": id})
	case err != nil:
		return p, fmt.Errorf("read business %d: %w", id, store.Normalize(err))
	}
	return p, nil
}

// writable returns the placement of business id for a write: NotFound when it does not
// exist, Forbidden when inScope refuses it. Writes outside the jurisdiction are refused
// rather than hidden, as everywhere (access.Scope).
func (s *Service) writable(ctx context.Context, id int64, inScope InScope) (Placement, error) {
	p, err := s.placed(ctx, id, func(Placement) bool { return true })
	if err == nil && !inScope(p) {
		return p, apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
	}
	return p, err
}
