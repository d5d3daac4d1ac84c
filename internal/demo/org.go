package demo

import (
	"fmt"
	"math"
	"slices"

	"github.com/shejian/shejian/internal/registry"
)

// The made-up city: its name, its 行政区划 code and where it lies.
const (
	cityShort = "江临"
	cityName  = cityShort + "市"
	cityCode  = "339900"
)

var cityArea = circle{lat: 30.2, lng: 120.1, km: 60}

// unit is an org unit being generated (组织, 辖区).
type unit struct {
	id, parentID int64
	kind         registry.OrgKind
	code, name   string
	township     string // the township's name, on stations and grids
	path         string
	area         circle
	urban        bool    // districts (区) and streets (街道) are urban; counties are not
	weight       float64 // stations: share of the city's businesses
	parent       *unit
	children     []*unit
}

// orgTree is the generated tree, each level in id order (breadth first).
type orgTree struct {
	city                       *unit
	districts, stations, grids []*unit
	nextID                     int64
}

// add appends a unit under parent, giving it the next id and its path.
func (t *orgTree) add(parent *unit, u *unit) *unit {
	t.nextID++
	u.id, u.parent, u.path = t.nextID, parent, fmt.Sprintf("/%d/", t.nextID)
	if parent != nil {
		u.parentID, u.path = parent.id, fmt.Sprintf("%s%d/", parent.path, u.id)
		parent.children = append(parent.children, u)
	}
	return u
}

// buildOrg lays out the city, its districts and counties, their township stations and the
// stations' grids.
func buildOrg(r rng, sh shape) *orgTree {
	t := &orgTree{}
	t.city = t.add(nil, &unit{kind: registry.OrgCity, code: cityCode, name: cityName, area: cityArea, urban: true})
	urban, rural := shuffled(r, urbanDistricts)[:sh.urban], shuffled(r, counties)[:sh.districts-sh.urban]
	turnU, turnR := 2*math.Pi*r.Float64(), 2*math.Pi*r.Float64()
	for i, name := range urban {
		area := circle{lat: cityArea.lat, lng: cityArea.lng, km: 4} // the old town, in the middle
		if i > 0 {
			area = cityArea.ring(i-1, sh.urban-1, 11, 5, turnU)
		}
		t.districts = append(t.districts, t.add(t.city, &unit{kind: registry.OrgDistrict,
			code: fmt.Sprintf("%s%02d", cityCode[:4], 2+i), name: name + "区", area: area, urban: true}))
	}
	for i, name := range rural {
		t.districts = append(t.districts, t.add(t.city, &unit{kind: registry.OrgDistrict,
			code: fmt.Sprintf("%s%02d", cityCode[:4], 21+i), name: name + "县", area: cityArea.ring(i, len(rural), 42, 16, turnR)}))
	}
	townships := townshipNames(r)
	for _, d := range t.districts {
		t.addStations(r, d, r.between(sh.stations[0], sh.stations[1]), townships)
	}
	for _, s := range t.stations {
		t.addGrids(r, s, r.between(sh.grids[0], sh.grids[1]))
	}
	return t
}

// addStations adds n township supervision stations (乡镇监管站) to district d: streets
// (街道) then towns (镇) in a district, towns then townships (乡) in a county.
func (t *orgTree) addStations(r rng, d *unit, n int, names func() string) {
	serial := map[string]int{"街道": 0, "镇": 100, "乡": 200}
	for i := range n {
		suffix := "镇"
		switch {
		case d.urban && i < n*7/10:
			suffix = "街道"
		case !d.urban && i >= n*6/10:
			suffix = "乡"
		}
		serial[suffix]++
		town := names() + suffix
		weight := r.logUniform(0.5, 2)
		if suffix == "街道" {
			weight *= 1.6
		}
		t.stations = append(t.stations, t.add(d, &unit{kind: registry.OrgStation, code: fmt.Sprintf("%s%03d", d.code, serial[suffix]),
			name: town + "食品安全监管站", township: town, area: d.area.child(i, n), urban: suffix == "街道", weight: weight}))
	}
}

// addGrids adds n grids (网格), one per village (村) or community (社区).
func (t *orgTree) addGrids(r rng, s *unit, n int) {
	var used []string
	for i := range n {
		village := placeName(r)
		for slices.Contains(used, village) || village+"街道" == s.township || village+"镇" == s.township {
			village = placeName(r)
		}
		used = append(used, village)
		suffix, serial := "村", 200+i+1
		if s.urban {
			suffix, serial = "社区", i+1
		}
		t.grids = append(t.grids, t.add(s, &unit{kind: registry.OrgGrid, code: fmt.Sprintf("%s%03d", s.code, serial),
			name: s.township + village + suffix + "网格", township: s.township, area: s.area.child(i, n), urban: s.urban}))
	}
}

// townshipNames returns a source of distinct township names for the whole city.
func townshipNames(r rng) func() string {
	var all []string
	for _, a := range placeFirst {
		for _, b := range placeSecond {
			if a != b {
				all = append(all, string([]rune{a, b}))
			}
		}
	}
	all = shuffled(r, all)
	return func() string {
		name := all[0]
		all = all[1:]
		return name
	}
}

// placeName returns a village or community name such as 白溪.
func placeName(r rng) string {
	for {
		if a, b := pick(r, placeFirst), pick(r, placeSecond); a != b {
			return string([]rune{a, b})
		}
	}
}

// shuffled returns a shuffled copy of list.
func shuffled[T any](r rng, list []T) []T {
	out := slices.Clone(list)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
