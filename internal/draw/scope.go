package draw

import (
	"context"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// Records outside the caller's scope answer "not found" to reads and "forbidden" to
// writes, as everywhere (access.Scope).
var (
	errHidden    = apperr.New(apperr.NotFound, "", nil)
	errForbidden = apperr.New(apperr.Forbidden, "", nil)
)

// checkOrg allows a read (or, when write, a write) of what belongs to the org unit whose
// path query (one ID argument) reads.
func (s *Store) checkOrg(ctx context.Context, query string, id int64, write bool) error {
	_, err := s.scopedPath(ctx, query, id, write)
	return err
}

// scopedPath is checkOrg returning the org path it allowed.
func (s *Store) scopedPath(ctx context.Context, query string, id int64, write bool) (string, error) {
	var path string
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, query, id).Scan(&path))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", errHidden
	case err != nil:
		return "", fmt.Errorf("read org path: %w", err)
	case access.ScopeFrom(ctx).CoversOrgPath(path):
		return path, nil
	case write:
		return "", errForbidden
	}
	return "", errHidden
}

// unitName reads the name of org unit id.
func (s *Store) unitName(ctx context.Context, id int64) (string, error) {
	var name string
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT name FROM org_units WHERE id = $1`, id).Scan(&name); err != nil {
		return "", fmt.Errorf("read org unit %d: %w", id, store.Normalize(err))
	}
	return name, nil
}

const (
	unitPathSQL   = `SELECT path FROM org_units WHERE id = $1`
	taskPathSQL   = `SELECT o.path FROM draw_tasks t JOIN org_units o ON o.id = t.org_unit_id WHERE t.id = $1`
	personPathSQL = `SELECT o.path FROM people p JOIN org_units o ON o.id = p.org_unit_id WHERE p.id = $1`
)

// checkBusiness allows a write about a business in the caller's scope.
func (s *Store) checkBusiness(ctx context.Context, id int64) error {
	var district, station int64
	var grid *int64
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT district_id, station_id, grid_id FROM businesses WHERE id = $1`, id).
		Scan(&district, &station, &grid))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errHidden
	case err != nil:
		return fmt.Errorf("read business %d: %w", id, err)
	case !access.ScopeFrom(ctx).CoversBusiness(id, district, station, grid):
		return errForbidden
	}
	return nil
}
