package registry

import (
	"context"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/store"
)

// fixture is a small org tree: a city, one district centred at (30.25, 120.15) with a 10 km
// radius, one station and one grid.
type fixture struct {
	st                            *store.Store
	businesses                    *BusinessStore
	city, district, station, grid int64
	otherDistrict, otherStation   int64
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	orgs := NewOrgStore(st)
	mk := func(parent *int64, kind OrgKind, code, name, township string, lat, lng float64) int64 {
		radius := 10.0
		o, err := orgs.Create(ctx, OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: name, Township: township, CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		return o.ID
	}
	f := &fixture{st: st, businesses: NewBusinessStore(st)}
	f.city = mk(nil, OrgCity, "330100", "江临市", "", 30.25, 120.15)
	f.district = mk(&f.city, OrgDistrict, "330102", "上城区", "", 30.25, 120.15)
	f.station = mk(&f.district, OrgStation, "330102001", "青石镇食品安全监管站", "青石镇", 30.25, 120.15)
	f.grid = mk(&f.station, OrgGrid, "330102001001", "青石镇第一网格", "", 30.25, 120.15)
	f.otherDistrict = mk(&f.city, OrgDistrict, "330106", "西湖区", "", 30.60, 120.50)
	f.otherStation = mk(&f.otherDistrict, OrgStation, "330106001", "龙井镇食品安全监管站", "龙井镇", 30.60, 120.50)
	return f
}

// uscc returns a valid company USCC whose body is derived from n.
func uscc(n int) string {
	first := fmt.Sprintf("91330102%09d", n)
	c, _ := USCCCheckChar(first)
	return first + string(c)
}

// restaurant is a valid catering business in the fixture's station.
func (f *fixture) restaurant(n int, name string) BusinessInput {
	return BusinessInput{
		USCC: uscc(n), Name: name, Category: CategoryCatering, Kind: "restaurant",
		LicenceNo: fmt.Sprintf("JY2330102%07d", n), LicenceIssued: "2024-01-10", LicenceExpiry: "2029-01-09",
		Address: "江临市上城区青石镇解放路" + fmt.Sprint(n) + "号", StationID: f.station, GridID: &f.grid,
		Lat: 30.26, Lng: 120.16, FloorArea: 120, DailyDiners: 200, SupplierCount: 12, EmployeeCount: 8,
	}
}
