package demo

import (
	"math"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// table names a table and the columns its generated rows fill, in order.
type table struct {
	name string
	cols []string
}

var (
	orgTable = table{name: "org_units", cols: []string{"id", "parent_id", "kind", "code", "name", "township", "path",
		"center_lat", "center_lng", "radius_km", "created_at", "updated_at"}}
	peopleTable = table{name: "people", cols: []string{"id", "org_unit_id", "name", "gender", "role_kind", "title", "phone",
		"id_number", "certificate_no", "monthly_subsidy", "active", "created_at", "updated_at"}}
	gramsTable = table{name: "business_grams", cols: []string{"rowid", "grams"}}
)

// generator holds the city being generated. The org tree and the people are small and made
// up front; businesses stream out station by station (produce).
type generator struct {
	seed                int64
	shape               shape
	dialect             store.Dialect // decides how grams are stored
	tree                *orgTree
	orgRows, peopleRows [][]any
	city                *City
	licences            *licences
	usccSeq, usccSalt   uint64
	nextID              int64
}

func newGenerator(opt Options, dialect store.Dialect) (*generator, error) {
	sh, err := opt.Size.shape()
	if err != nil {
		return nil, err
	}
	g := &generator{seed: opt.Seed, shape: sh, dialect: dialect, licences: newLicences()}
	g.usccSalt = newRNG(opt.Seed, streamIdentity).Uint64N(100_000_000)
	g.tree = buildOrg(newRNG(opt.Seed, streamLayout), sh)
	units := append(append(append([]*unit{g.tree.city}, g.tree.districts...), g.tree.stations...), g.tree.grids...)
	staff := newStaff(newRNG(opt.Seed, streamPeople), newIdentities())
	for _, u := range units {
		g.orgRows = append(g.orgRows, u.row())
		staff.unitStaff(u, districtOf(staff.r, g.tree, u))
	}
	g.peopleRows = staff.rows
	g.city = g.summary(opt, staff)
	return g, nil
}

// summary counts what newGenerator made and names the demo rows; produce adds businesses.
func (g *generator) summary(opt Options, staff *staff) *City {
	t := g.tree
	d, s := t.districts[0], t.stations[0]
	c := &City{Name: cityName, Size: opt.Size, Seed: opt.Seed, ByCategory: map[registry.CategoryCode]int64{},
		OrgUnits: int64(len(g.orgRows)), Districts: int64(len(t.districts)), Stations: int64(len(t.stations)),
		Grids: int64(len(t.grids)), People: int64(len(g.peopleRows)), Coordinators: staff.coordinators}
	c.Demo = DemoIDs{CityID: t.city.id, DistrictID: d.id, StationID: s.id, GridID: s.children[0].id,
		StationHeadID: staff.firstOf(s, registry.RoleAdministrative), InspectorID: staff.firstOf(s, registry.RoleEnforcement),
		CoordinatorID: staff.firstOf(s.children[0], registry.RoleCoordinator), LabTechnicianID: staff.firstOf(d, registry.RoleTechnical)}
	return c
}

func (u *unit) row() []any {
	var parent any
	if u.parentID != 0 {
		parent = u.parentID
	}
	return []any{u.id, parent, string(u.kind), u.code, u.name, u.township, u.path, u.area.lat, u.area.lng, u.area.km, baseTime, baseTime}
}

// quotas shares the city's businesses among the stations by weight, summing exactly.
func (g *generator) quotas() []int {
	total := 0.0
	for _, s := range g.tree.stations {
		total += s.weight
	}
	out := make([]int, len(g.tree.stations))
	cum, prev := 0.0, 0
	for i, s := range g.tree.stations {
		cum += s.weight
		next := int(math.Round(cum / total * float64(g.shape.businesses)))
		out[i], prev = next-prev, next
	}
	return out
}

// produce generates every business in id order and hands them to send in batches of about
// size rows, without their grams.
func (g *generator) produce(size int, send func(*batch) error) error {
	cur := &batch{}
	emit := func(b *business) error {
		cur.businesses = append(cur.businesses, b.row())
		cur.texts = append(cur.texts, searchText{b.name, b.address, registry.Place{District: b.district, Station: b.station, Grid: b.grid}})
		g.city.Businesses++
		g.city.ByCategory[b.cat]++
		if len(cur.businesses) < size {
			return nil
		}
		err := send(cur)
		cur = &batch{}
		return err
	}
	for i, quota := range g.quotas() {
		if err := g.station(g.tree.stations[i], i, quota, emit); err != nil {
			return err
		}
	}
	if len(cur.businesses) == 0 {
		return nil
	}
	return send(cur)
}

// uscc returns the next unique USCC of a kind in a region.
func (g *generator) uscc(kind, region string) string {
	g.usccSeq++
	return uscc(kind, region, g.usccSeq, g.usccSalt)
}
