package access

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Scope is the part of the city a caller's grants cover: the subtree of its org unit, or,
// for a business operator, its own business. Every query of a scoped record runs inside it;
// records outside it answer "not found" to reads and "forbidden" to writes.
type Scope struct {
	// Path is the org path of the caller's unit ("/city/district/station/grid/"); org units
	// and people are in scope when their path starts with it.
	Path string
	// The units along Path by kind; zero above the caller's level. A city-wide scope has
	// all zero.
	DistrictID, StationID, GridID int64
	// BusinessID confines a business operator to one business; such a scope covers no org
	// unit or person.
	BusinessID int64
}

// Everywhere is the scope of the whole city, for work done for no one user: the CLI, jobs.
var Everywhere = Scope{Path: "/"}

// levels are the org kinds in path order: a unit's kind says how deep its path is.
var levels = []string{"city", "district", "station", "grid"}

// scopeOf builds the scope of a unit of kind at path, narrowed to businessID when set.
func scopeOf(kind, path string, businessID int64) (Scope, error) {
	s := Scope{Path: path, BusinessID: businessID}
	depth := slices.Index(levels, kind)
	ids := strings.Split(strings.Trim(path, "/"), "/")
	if depth < 0 || len(ids) != depth+1 || !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		return Scope{}, fmt.Errorf("org unit of kind %q has malformed path %q", kind, path)
	}
	along := []*int64{new(int64), &s.DistrictID, &s.StationID, &s.GridID}
	for i, part := range ids {
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return Scope{}, fmt.Errorf("org path %q: bad unit id %q", path, part)
		}
		*along[i] = id
	}
	return s, nil
}

// CityWide reports whether the scope covers the whole city.
func (s Scope) CityWide() bool {
	return s.DistrictID == 0 && s.BusinessID == 0
}

// CoversBusiness reports whether a business with these placements is in scope.
func (s Scope) CoversBusiness(id, districtID, stationID int64, gridID *int64) bool {
	switch {
	case s.BusinessID != 0:
		return id == s.BusinessID
	case s.GridID != 0:
		return gridID != nil && *gridID == s.GridID
	case s.StationID != 0:
		return stationID == s.StationID
	case s.DistrictID != 0:
		return districtID == s.DistrictID
	}
	return true
}

// CoversOrgPath reports whether the org unit (or a person of the unit) at path is in scope.
func (s Scope) CoversOrgPath(path string) bool {
	return s.BusinessID == 0 && strings.HasPrefix(path, s.Path)
}

type scopeKey struct{}

// WithScope returns ctx carrying the caller's scope.
func WithScope(ctx context.Context, s Scope) context.Context {
	return context.WithValue(ctx, scopeKey{}, s)
}

// ScopeFrom returns the caller's scope. A context without one (anonymous) covers nothing: a
// business id no record has.
func ScopeFrom(ctx context.Context) Scope {
	if s, ok := ctx.Value(scopeKey{}).(Scope); ok {
		return s
	}
	return Scope{Path: "/none/", BusinessID: -1}
}

// ScopeOf returns the scope of account userID, for work done on a user's behalf outside a
// request (and for tests that check what a user may see).
func (u *Users) ScopeOf(ctx context.Context, userID int64) (Scope, error) {
	p, err := u.principal(ctx, userID)
	if err != nil {
		return Scope{}, err
	}
	var business int64
	if p.BusinessID != nil {
		business = *p.BusinessID
	}
	return scopeOf(p.orgKind, p.orgPath, business)
}
