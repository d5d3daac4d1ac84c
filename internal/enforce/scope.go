package enforce

import (
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
)

// Records lie in a business, station and district; the caller's scope decides from them.
// Reads outside it answer "not found" so that their existence stays hidden, writes
// "forbidden". An operator reads its own business's rectifications and its cases once
// decided, and writes nothing.

// errOutOfScope refuses a write outside the caller's jurisdiction.
var errOutOfScope = apperr.New(apperr.Forbidden, "access.out_of_scope", nil)

// place is where a record lies.
type place struct{ business, district, station int64 }

func (p place) seenBy(s access.Scope) bool {
	return s.CoversBusiness(p.business, p.district, p.station, nil)
}

// writableBy reports whether staff of scope s may work on a record at p: an operator never.
func (p place) writableBy(s access.Scope) bool { return s.BusinessID == 0 && p.seenBy(s) }

// scopeWhere narrows a list query on table alias a to scope s, binding from $n; it returns
// the condition and its arguments.
func scopeWhere(s access.Scope, a string, n int) (string, []any) {
	switch {
	case s.BusinessID != 0:
		return fmt.Sprintf(" AND %s.business_id = $%d", a, n), []any{s.BusinessID}
	case s.GridID != 0:
		return " AND 1 = 0", nil // grids hold no enforcement records
	case s.StationID != 0:
		return fmt.Sprintf(" AND %s.station_id = $%d", a, n), []any{s.StationID}
	case s.DistrictID != 0:
		return fmt.Sprintf(" AND %s.district_id = $%d", a, n), []any{s.DistrictID}
	}
	return "", nil
}
