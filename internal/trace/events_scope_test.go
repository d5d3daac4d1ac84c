package trace

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestEventsInScope: an operator sees its business's events only, a station's inspector
// those of its station, a district's staff those of its district (not another
// district's), and only city-wide staff see events at places of no registered business.
func TestEventsInScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		other := otherDistrict(t, w)
		mustCapture(t, w.events, document(queryEvent("x1", "ObjectEvent", 8, `"action": "OBSERVE", "epcList": ["`+item1+`"],
			"bizLocation": {"id": "`+other.place+`"}`)), System)
		// The events each query matches in the whole city, in order.
		matching := map[string][]string{
			"":                                  {"e1", "e2", "e3", "e4", "e5", "e6", "x1"},
			"MATCH_epc=" + item1 + "&perPage=1": {"e1", "e2", "e5", "e6", "x1"},
			"EQ_eventID=urn:shejian:test:e1|urn:shejian:test:e2|urn:shejian:test:x1": {"e1", "e2", "x1"},
		}
		tests := []struct {
			name  string
			scope access.Scope
			sees  []string
		}{
			{"city", access.Everywhere, []string{"e1", "e2", "e3", "e4", "e5", "e6", "x1"}},
			{"operator 0", w.operator(0).Scope, []string{"e1", "e4", "e6"}},
			{"operator 1", w.operator(1).Scope, []string{"e2", "e5"}},
			{"inspector 1", w.inspector(1).Scope, []string{"e2", "e5"}},
			{"district", w.districtAdmin().Scope, []string{"e1", "e2", "e4", "e5", "e6"}},
			{"other district", other.scope, []string{"x1"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for params, all := range matching {
					want := slices.DeleteFunc(slices.Clone(all), func(n string) bool { return !slices.Contains(tt.sees, n) })
					if got := walk(t, w.events, tt.scope, params); !slices.Equal(got, want) {
						t.Errorf("?%s: %v, want %v", params, got, want)
					}
				}
			})
		}
	})
}

// walk answers a query page after page and returns the names of all its events.
func walk(t *testing.T, s *Store, scope access.Scope, params string) []string {
	t.Helper()
	got := []string{}
	for page := mustQuery(t, s, scope, params); ; {
		got = append(got, names(t, page)...)
		if page.Next == "" {
			return got
		}
		page = mustQuery(t, s, scope, params+"&nextPageToken="+page.Next)
	}
}

// district is a district of its own, with a business and the scope of its staff.
type district struct {
	place string
	scope access.Scope
}

// otherDistrict adds a second district with a station and a business to the world's city.
func otherDistrict(t *testing.T, w *world) district {
	t.Helper()
	ctx := context.Background()
	var city, id, station, business int64
	db := w.st.DB()
	if err := db.QueryRowContext(ctx, `SELECT parent_id FROM org_units WHERE id = $1`, w.district).Scan(&city); err != nil {
		t.Fatal(err)
	}
	insert := func(kind string, parent int64, path func(int64) string) int64 {
		var unit int64
		err := db.QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
			VALUES ($1, $2, $3, $3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`, parent, kind, "X"+kind).Scan(&unit)
		if err == nil {
			_, err = db.ExecContext(ctx, `UPDATE org_units SET path = $1 WHERE id = $2`, path(unit), unit)
		}
		if err != nil {
			t.Fatal(err)
		}
		return unit
	}
	id = insert("district", city, func(u int64) string { return fmt.Sprintf("/%d/%d/", city, u) })
	station = insert("station", id, func(u int64) string { return fmt.Sprintf("/%d/%d/%d/", city, id, u) })
	const uscc = "91330200MA2TEST003"
	err := db.QueryRowContext(ctx, `INSERT INTO businesses (uscc, name, category, address, district_id, station_id,
		lat, lng, created_at, updated_at) VALUES ($1, $1, 'sales', '', $2, $3, 30, 120, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`,
		uscc, id, station).Scan(&business)
	if err != nil {
		t.Fatal(err)
	}
	return district{place: LocationPrefix + uscc, scope: access.Scope{Path: fmt.Sprintf("/%d/%d/", city, id), DistrictID: id}}
}
