package draw

import (
	"fmt"

	"github.com/shejian/shejian/internal/apperr"
)

// InfeasibleError says why a selected entity cannot get enough inspectors. The whole draw
// then fails: a partial draw would publish some assignments and hide the rest.
type InfeasibleError struct {
	Entity     string
	Region     string
	Needed     int // seats per entity
	Eligible   int
	Pool       int // inspectors of its region (or of every region)
	Conflicts  int // in the pool, declared a conflict with it
	Previous   int // in the pool, inspected it last time
	Recused    int // in the pool, recused without a reason given (a published draw's inputs)
	OwnStation int // in the pool, of its own station, when that is excluded
}

func (e *InfeasibleError) Error() string {
	return fmt.Sprintf("entity %s (region %q) cannot get %d inspectors: %d eligible of %d in its pool; "+
		"%d declared a conflict, %d inspected it last time, %d recused without a reason given, %d belong to its own station",
		e.Entity, e.Region, e.Needed, e.Eligible, e.Pool, e.Conflicts, e.Previous, e.Recused, e.OwnStation)
}

// infeasible is the field error of an entity with too few eligible inspectors.
func infeasible(e *Entity, seats int, why recusal) error {
	cause := &InfeasibleError{Entity: e.ID, Region: e.Region, Needed: seats, Eligible: max(why.eligible, 0),
		Pool: why.pool, Conflicts: why.conflicts, Previous: why.previous, Recused: why.recused, OwnStation: why.ownStation}
	params := map[string]any{"needed": cause.Needed, "eligible": cause.Eligible, "pool": cause.Pool,
		"conflicts": cause.Conflicts, "previous": cause.Previous, "recused": cause.Recused, "own_station": cause.OwnStation}
	err := apperr.Fields(apperr.Field(row{list: "entities", id: e.ID}.ref(), "draw_too_few_inspectors", params))
	err.Err = cause
	return err
}
