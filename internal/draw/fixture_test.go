package draw

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// cityFixture is a city of two districts of two stations each, four admitted inspectors
// and ten open businesses per station, one closed business and one coordinator.
type cityFixture struct {
	st          *store.Store
	draws       *Store
	book        *rules.Book
	city        int64
	districts   []int64 // D1, D2
	stations    []int64 // S11, S12 (district D1), S21, S22 (D2)
	inspectors  []int64 // four per station, in station order
	businesses  []int64 // ten per station, in station order
	closed      int64
	coordinator int64
}

func newCityFixture(t *testing.T, st *store.Store) *cityFixture {
	t.Helper()
	ctx := context.Background()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	f := &cityFixture{st: st, book: book, draws: NewStore(st, book, calendar.Default())}
	orgs, people := registry.NewOrgStore(st), registry.NewPersonStore(st)
	unit := func(parent *int64, kind registry.OrgKind, code string) int64 {
		lat, lng, radius := 30.25, 120.15, 10.0
		o, err := orgs.Create(ctx, registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: "单位" + code, Township: "镇" + code, CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
		if err != nil {
			t.Fatalf("create org unit %s: %v", code, err)
		}
		return o.ID
	}
	person := func(org int64, kind registry.RoleKind, name string) int64 {
		p, err := people.Create(ctx, registry.PersonInput{OrgUnitID: org, Name: name, RoleKind: kind})
		if err != nil {
			t.Fatalf("create person %s: %v", name, err)
		}
		return p.ID
	}
	f.city = unit(nil, registry.OrgCity, "C")
	for d := 1; d <= 2; d++ {
		district := unit(&f.city, registry.OrgDistrict, fmt.Sprintf("D%d", d))
		f.districts = append(f.districts, district)
		for s := 1; s <= 2; s++ {
			station := unit(&district, registry.OrgStation, fmt.Sprintf("S%d%d", d, s))
			f.stations = append(f.stations, station)
			for i := range 4 {
				id := person(station, registry.RoleEnforcement, fmt.Sprintf("执法%d%d%d", d, s, i))
				if err := f.draws.AdmitInspector(ctx, id); err != nil {
					t.Fatalf("admit %d: %v", id, err)
				}
				f.inspectors = append(f.inspectors, id)
			}
			for i := range 10 {
				f.businesses = append(f.businesses, f.business(t, district, station, fmt.Sprintf("%d%d%02d", d, s, i), "open"))
			}
		}
	}
	f.closed = f.business(t, f.districts[0], f.stations[0], "9999", "closed")
	f.coordinator = person(f.stations[0], registry.RoleCoordinator, "协管员")
	return f
}

// business inserts a business row directly: the draw reads only its place and status.
func (f *cityFixture) business(t *testing.T, district, station int64, n, status string) int64 {
	t.Helper()
	var id int64
	now := time.Now().UTC()
	err := f.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, address, district_id, station_id, lat, lng, status, created_at, updated_at)
		VALUES ($1, $2, 'catering', '解放路', $3, $4, 30.25, 120.15, $5, $6, $6) RETURNING id`,
		"9133010200000"+n, "饭店"+n, district, station, status, now).Scan(&id)
	if err != nil {
		t.Fatalf("insert business %s: %v", n, err)
	}
	return id
}

// registryResult resolves the pseudonyms of result, of task id, to registry IDs as the
// store does: the business of each assignment and its inspectors in seat order.
func (f *cityFixture) registryResult(t *testing.T, id int64, result Result) ([]int64, [][]int64) {
	t.Helper()
	_, frozen, _, err := f.draws.frozen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	businesses, people := make([]int64, len(result.Assignments)), make([][]int64, len(result.Assignments))
	for i, a := range result.Assignments {
		b, err := frozen.business(a.Entity)
		if err != nil {
			t.Fatal(err)
		}
		businesses[i] = b.ID
		for _, p := range a.Inspectors {
			person, err := frozen.person(p)
			if err != nil {
				t.Fatal(err)
			}
			people[i] = append(people[i], person)
		}
	}
	return businesses, people
}

// recusedByBusiness resolves the recused inspectors of each published entity of task id to
// registry IDs, sorted, by business.
func (f *cityFixture) recusedByBusiness(t *testing.T, id int64) map[int64][]int64 {
	t.Helper()
	_, frozen, _, err := f.draws.frozen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]int64{}
	for i, e := range frozen.Inputs.Entities {
		for _, p := range e.Recused {
			person, err := frozen.person(p)
			if err != nil {
				t.Fatal(err)
			}
			out[frozen.Businesses[i].ID] = append(out[frozen.Businesses[i].ID], person)
		}
		slices.Sort(out[frozen.Businesses[i].ID])
	}
	return out
}
