package registry

import (
	"context"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// The registry keeps every request inside the caller's jurisdiction (access.Scope): lists
// and searches are narrowed to it, reads of a record outside it answer "not found" so that
// its existence stays hidden, and writes to or into a place outside it are forbidden.

func webUser(ctx context.Context) *web.User { return web.UserFrom(ctx) }

func isNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

// errOutOfScope refuses a write outside the caller's jurisdiction.
var errOutOfScope = apperr.New(apperr.Forbidden, "access.out_of_scope", nil)

// ScopeFilter narrows f to the caller's scope. It reports false when f asks for a district,
// station or grid the scope excludes: nothing can match then.
func ScopeFilter(ctx context.Context, f *BusinessFilter) bool {
	s := access.ScopeFrom(ctx)
	narrow := func(asked *int64, allowed int64) bool {
		if allowed == 0 {
			return true
		}
		if *asked != 0 && *asked != allowed {
			return false
		}
		*asked = allowed
		return true
	}
	return narrow(&f.BusinessID, s.BusinessID) && narrow(&f.DistrictID, s.DistrictID) &&
		narrow(&f.StationID, s.StationID) && narrow(&f.GridID, s.GridID)
}

// emptyResult is the answer to a search outside the caller's scope.
func emptyResult(f BusinessFilter) *SearchResult {
	f.normalize()
	return &SearchResult{Businesses: []*Business{}, Page: f.Page, PerPage: f.PerPage}
}

// search runs f inside the caller's scope, with contact phones masked.
func (h *Handler) search(ctx context.Context, f BusinessFilter) (*SearchResult, error) {
	if !ScopeFilter(ctx, &f) {
		return emptyResult(f), nil
	}
	res, err := h.Businesses.Search(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, b := range res.Businesses {
		b.MaskPersonal()
	}
	return res, nil
}

func coversBusiness(ctx context.Context, b *Business) bool {
	return access.ScopeFrom(ctx).CoversBusiness(b.ID, b.DistrictID, b.StationID, b.GridID)
}

// readBusiness returns business id when it is in the caller's scope; otherwise it is not
// found.
func (h *Handler) readBusiness(ctx context.Context, id int64) (*Business, error) {
	b, err := h.Businesses.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !coversBusiness(ctx, b) {
		return nil, apperr.New(apperr.NotFound, "registry.business_not_found", map[string]any{"id": id})
	}
	return b, nil
}

// personalBusiness returns a business of the caller's scope for its detail, unmasked when
// the caller's role needs personal data (and the read is audited), masked otherwise.
func (h *Handler) personalBusiness(ctx context.Context, id int64) (*Business, error) {
	b, err := h.readBusiness(ctx, id)
	if err != nil {
		return nil, err
	}
	if !access.Can(webUser(ctx), access.PersonalData) {
		b.MaskPersonal()
		return b, nil
	}
	if err := h.auditPersonalRead(ctx, "business", b.ID); err != nil {
		return nil, err
	}
	return b, nil
}

// inScope refuses a change to a business outside the caller's scope; the store asks it
// inside the transaction of the change.
func inScope(ctx context.Context) Guard[Business] {
	return func(b *Business) error {
		if !coversBusiness(ctx, b) {
			return errOutOfScope
		}
		return nil
	}
}

// placeable checks that a business placed as in would lie in the caller's scope. A station
// that does not exist is left to validation, which names the field.
func (h *Handler) placeable(ctx context.Context, in BusinessInput) error {
	s := access.ScopeFrom(ctx)
	if s.GridID != 0 && (in.GridID == nil || *in.GridID != s.GridID) {
		return errOutOfScope
	}
	station, err := h.Orgs.Get(ctx, in.StationID)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !s.CoversOrgPath(station.Path) {
		return errOutOfScope
	}
	return nil
}

// readUnit returns org unit id when it is in the caller's scope; otherwise it is not found.
func (h *Handler) readUnit(ctx context.Context, id int64) (*OrgUnit, error) {
	o, err := h.Orgs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !access.ScopeFrom(ctx).CoversOrgPath(o.Path) {
		return nil, apperr.New(apperr.NotFound, "registry.org_not_found", map[string]any{"id": id})
	}
	return o, nil
}

// writableUnit checks that org unit id exists and lies in the caller's scope.
func (h *Handler) writableUnit(ctx context.Context, id int64) error {
	o, err := h.Orgs.Get(ctx, id)
	if err != nil {
		return err
	}
	if !access.ScopeFrom(ctx).CoversOrgPath(o.Path) {
		return errOutOfScope
	}
	return nil
}

// InScope keeps the units of list inside the caller's scope.
func InScope(ctx context.Context, list []*OrgUnit) []*OrgUnit {
	s := access.ScopeFrom(ctx)
	out := list[:0:0]
	for _, o := range list {
		if s.CoversOrgPath(o.Path) {
			out = append(out, o)
		}
	}
	return out
}

// scopedTree returns the org tree from the top of the caller's scope down.
func (h *Handler) scopedTree(ctx context.Context) ([]*OrgUnit, error) {
	tree, err := h.Orgs.Tree(ctx)
	if err != nil {
		return nil, err
	}
	s := access.ScopeFrom(ctx)
	var roots []*OrgUnit
	var walk func([]*OrgUnit)
	walk = func(units []*OrgUnit) {
		for _, o := range units {
			if s.CoversOrgPath(o.Path) {
				roots = append(roots, o)
			} else {
				walk(o.Children)
			}
		}
	}
	walk(tree)
	return roots, nil
}

// readPerson returns person id when the person's unit is in the caller's scope.
func (h *Handler) readPerson(ctx context.Context, id int64) (*Person, error) {
	p, err := h.People.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !access.ScopeFrom(ctx).CoversOrgPath(p.OrgPath) {
		return nil, apperr.New(apperr.NotFound, "registry.person_not_found", map[string]any{"id": id})
	}
	return p, nil
}

// personInScope refuses a change to a person outside the caller's scope; the store asks it
// inside the transaction of the change.
func personInScope(ctx context.Context) Guard[Person] {
	return func(p *Person) error {
		if !access.ScopeFrom(ctx).CoversOrgPath(p.OrgPath) {
			return errOutOfScope
		}
		return nil
	}
}

// create registers a business when its place lies in the caller's scope.
func (h *Handler) create(ctx context.Context, in BusinessInput) (*Business, error) {
	if err := h.placeable(ctx, in); err != nil {
		return nil, err
	}
	return h.Businesses.Create(ctx, in)
}

// update edits a business of the caller's scope and keeps it there.
func (h *Handler) update(ctx context.Context, id int64, in BusinessInput) (*Business, error) {
	if err := h.placeable(ctx, in); err != nil {
		return nil, err
	}
	return h.Businesses.Update(ctx, id, in, inScope(ctx))
}

// setStatus closes, suspends or reopens a business of the caller's scope.
func (h *Handler) setStatus(ctx context.Context, id int64, status, reason string) (*Business, error) {
	return h.Businesses.SetStatus(ctx, id, status, reason, inScope(ctx))
}

// createUnit adds an org unit below a unit of the caller's scope; only a city-wide caller
// may add a root.
func (h *Handler) createUnit(ctx context.Context, in OrgUnitInput) (*OrgUnit, error) {
	if in.ParentID == nil && !access.ScopeFrom(ctx).CityWide() {
		return nil, errOutOfScope
	}
	if in.ParentID != nil {
		if err := h.writableUnit(ctx, *in.ParentID); err != nil && !isNotFound(err) {
			return nil, err
		}
	}
	return h.Orgs.Create(ctx, in)
}

// updateUnit edits an org unit of the caller's scope.
func (h *Handler) updateUnit(ctx context.Context, id int64, in OrgUnitInput) (*OrgUnit, error) {
	if err := h.writableUnit(ctx, id); err != nil {
		return nil, err
	}
	return h.Orgs.Update(ctx, id, in)
}

// deleteUnit removes an empty org unit of the caller's scope.
func (h *Handler) deleteUnit(ctx context.Context, id int64) error {
	if err := h.writableUnit(ctx, id); err != nil {
		return err
	}
	return h.Orgs.Delete(ctx, id)
}
