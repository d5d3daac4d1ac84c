package draw

import (
	"context"
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

// The writes of the list and directories (一单两库) and of new tasks on the caller's behalf,
// for the API and the pages' forms alike: each allows only what the caller's scope covers,
// then leaves every rule of the input to the store.

// admit admits person to the inspector directory; the person must be in scope.
func (h *Handler) admit(ctx context.Context, person int64) error {
	if err := h.draws.checkOrg(ctx, personPathSQL, person, true); err != nil {
		return err
	}
	return h.draws.AdmitInspector(ctx, person)
}

// declareConflict records person's conflict with business (回避). Both ends are checked: the
// business too, or a caller could declare conflicts with businesses of other districts and
// learn from the answers which ids exist.
func (h *Handler) declareConflict(ctx context.Context, person, business int64, reason string) error {
	if err := h.draws.checkOrg(ctx, personPathSQL, person, true); err != nil {
		return err
	}
	if err := h.draws.checkBusiness(ctx, business); err != nil {
		return err
	}
	return h.draws.DeclareConflict(ctx, person, business, reason)
}

// setCreditClass sets the class business is drawn under; the business must be in scope.
func (h *Handler) setCreditClass(ctx context.Context, business int64, class CreditClass) error {
	if err := h.draws.checkBusiness(ctx, business); err != nil {
		return err
	}
	return h.draws.SetCreditClass(ctx, business, class)
}

// createTask creates the task nt of a unit in scope.
func (h *Handler) createTask(ctx context.Context, nt NewTask) (Task, error) {
	if err := h.draws.checkOrg(ctx, unitPathSQL, nt.OrgUnitID, true); err != nil {
		return Task{}, err
	}
	return h.draws.CreateTask(ctx, nt)
}

// managedUnit is the path's org unit, for a write of its list or directories in the
// caller's scope.
func (h *Handler) managedUnit(r *http.Request) (int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, h.draws.checkOrg(r.Context(), unitPathSQL, id, true)
}
