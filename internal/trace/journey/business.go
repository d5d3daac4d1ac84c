package journey

import (
	"context"
	"fmt"
	"slices"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
)

// business is a registered business (经营主体) a place of a trace names, with what the
// answers show of it and its placement, by which scopes judge it.
type business struct {
	id                  int64
	uscc, name, address string
	category, kind      string
	district, station   int64
	grid                *int64
	districtName        string
}

// covered reports whether scope s covers the business.
func (b *business) covered(s access.Scope) bool {
	return s.CoversBusiness(b.id, b.district, b.station, b.grid)
}

// canteenKinds are the kinds (业态) of catering a recall lists first: where children and
// workers eat what a recall is about.
var canteenKinds = []string{"school_canteen", "unit_canteen", "central_kitchen"}

// canteen reports whether the business is a school or unit canteen or a central kitchen.
func (b *business) canteen() bool {
	return b.category == string(registry.CategoryCatering) && slices.Contains(canteenKinds, b.kind)
}

// businessesAt looks up the registered businesses that places name, by USCC; a place
// naming no registered business has no entry.
func businessesAt(ctx context.Context, st *store.Store, places []string) (map[string]*business, error) {
	seen := map[string]bool{}
	var usccs []string
	for _, p := range places {
		if uscc, ok := trace.USCCOf(p); ok && !seen[uscc] {
			seen[uscc] = true
			usccs = append(usccs, uscc)
		}
	}
	out := map[string]*business{}
	if len(usccs) == 0 {
		return out, nil
	}
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT b.id, b.uscc, b.name, b.address, b.category, b.kind,
		b.district_id, b.station_id, b.grid_id, d.name FROM businesses b JOIN org_units d ON d.id = b.district_id
		WHERE b.uscc `+trace.InList(st.Dialect(), "$1"), trace.ListArg(st.Dialect(), usccs))
	if err != nil {
		return nil, fmt.Errorf("look up the businesses of a trace: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		b := &business{}
		if err := rows.Scan(&b.id, &b.uscc, &b.name, &b.address, &b.category, &b.kind,
			&b.district, &b.station, &b.grid, &b.districtName); err != nil {
			return nil, fmt.Errorf("look up the businesses of a trace: %w", err)
		}
		out[b.uscc] = b
	}
	return out, rows.Err()
}
