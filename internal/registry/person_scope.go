package registry

import (
	"context"

	"github.com/shejian/shejian/internal/access"
)

// listPeople lists the people of the caller's scope, with phone and ID numbers masked: a
// list is for finding someone, not for reading their personal data.
func (h *Handler) listPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error) {
	s := access.ScopeFrom(ctx)
	if s.BusinessID != 0 {
		return []*Person{}, 0, nil
	}
	f.ScopePath = s.Path
	people, total, err := h.People.List(ctx, f)
	for _, p := range people {
		p.maskPersonal()
	}
	return people, total, err
}

// personalPerson returns a person of the caller's scope, unmasked when the caller's role
// needs personal data (and the read is audited), masked otherwise.
func (h *Handler) personalPerson(ctx context.Context, id int64) (*Person, error) {
	p, err := h.readPerson(ctx, id)
	if err != nil {
		return nil, err
	}
	if !access.Can(webUser(ctx), access.PersonalData) {
		p.maskPersonal()
		return p, nil
	}
	if err := h.auditPersonalRead(ctx, "person", p.ID); err != nil {
		return nil, err
	}
	return p, nil
}

// createPerson adds a person to a unit of the caller's scope.
func (h *Handler) createPerson(ctx context.Context, in PersonInput) (*Person, error) {
	if err := h.writableUnit(ctx, in.OrgUnitID); err != nil && !isNotFound(err) {
		return nil, err
	}
	return h.People.Create(ctx, in)
}

// updatePerson edits a person of the caller's scope and keeps the person there.
func (h *Handler) updatePerson(ctx context.Context, id int64, in PersonInput) (*Person, error) {
	if err := h.writableUnit(ctx, in.OrgUnitID); err != nil && !isNotFound(err) {
		return nil, err
	}
	return h.People.Update(ctx, id, in, personInScope(ctx))
}

// deletePerson removes a person of the caller's scope.
func (h *Handler) deletePerson(ctx context.Context, id int64) error {
	return h.People.Delete(ctx, id, personInScope(ctx))
}
