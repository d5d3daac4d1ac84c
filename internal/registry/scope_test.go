package registry

import (
	"context"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestScopeFilter(t *testing.T) {
	district := access.Scope{Path: "/1/2/", DistrictID: 2}
	grid := access.Scope{Path: "/1/2/3/9/", DistrictID: 2, StationID: 3, GridID: 9}
	operator := access.Scope{Path: "/1/2/3/", DistrictID: 2, StationID: 3, BusinessID: 5}
	tests := []struct {
		name   string
		scope  *access.Scope // nil: no caller
		asked  BusinessFilter
		want   BusinessFilter
		wantOK bool
	}{
		{"city-wide keeps the filter", &access.Everywhere, BusinessFilter{DistrictID: 4}, BusinessFilter{DistrictID: 4}, true},
		{"district fills in", &district, BusinessFilter{Q: "面"}, BusinessFilter{Q: "面", DistrictID: 2}, true},
		{"district refuses another", &district, BusinessFilter{DistrictID: 4}, BusinessFilter{DistrictID: 4}, false},
		{"district narrows by station", &district, BusinessFilter{StationID: 7}, BusinessFilter{DistrictID: 2, StationID: 7}, true},
		{"grid", &grid, BusinessFilter{}, BusinessFilter{DistrictID: 2, StationID: 3, GridID: 9}, true},
		{"grid refuses a station", &grid, BusinessFilter{StationID: 8}, BusinessFilter{StationID: 8}, false},
		{"operator", &operator, BusinessFilter{}, BusinessFilter{BusinessID: 5, DistrictID: 2, StationID: 3}, true},
		{"no caller", nil, BusinessFilter{}, BusinessFilter{BusinessID: -1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.scope != nil {
				ctx = access.WithScope(ctx, *tt.scope)
			}
			f := tt.asked
			ok := ScopeFilter(ctx, &f)
			if ok != tt.wantOK || (ok && f != tt.want) {
				t.Fatalf("ScopeFilter = %v %+v, want %v %+v", ok, f, tt.wantOK, tt.want)
			}
		})
	}
}

// TestNoCallerFindsNothing: the scope of a context without a caller matches no business.
func TestNoCallerFindsNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		if _, err := f.businesses.Create(context.Background(), f.restaurant(1, "老王面馆")); err != nil {
			t.Fatal(err)
		}
		var bf BusinessFilter
		ScopeFilter(context.Background(), &bf)
		res, err := f.businesses.Search(context.Background(), bf)
		if err != nil || len(res.Businesses) != 0 {
			t.Fatalf("no caller found %d businesses (%v)", len(res.Businesses), err)
		}
	})
}
