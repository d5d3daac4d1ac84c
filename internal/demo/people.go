package demo

import (
	"fmt"

	"github.com/shejian/shejian/internal/registry"
)

// staffing is how many people of each line a unit of a level has: inclusive ranges.
var staffing = map[registry.OrgKind][]struct {
	role   registry.RoleKind
	lo, hi int
}{
	registry.OrgCity:     {{registry.RoleAdministrative, 4, 4}, {registry.RoleEnforcement, 4, 4}, {registry.RoleTechnical, 3, 3}},
	registry.OrgDistrict: {{registry.RoleAdministrative, 3, 5}, {registry.RoleEnforcement, 4, 8}, {registry.RoleTechnical, 2, 4}},
	registry.OrgStation:  {{registry.RoleAdministrative, 1, 2}, {registry.RoleEnforcement, 2, 4}, {registry.RoleTechnical, 1, 2}},
	registry.OrgGrid:     {{registry.RoleCoordinator, 1, 2}},
}

// staff generates the people of every unit: the three lines of the city and district bureaus
// and of each station (三位一体), and one or two coordinators (协管员) per grid.
type staff struct {
	r            rng
	people       *identities
	rows         [][]any
	certs        int
	coordinators int64
	first        map[string]int64 // "unitID/role" → the first person of that line, for DemoIDs
}

func newStaff(r rng, people *identities) *staff {
	return &staff{r: r, people: people, first: map[string]int64{}}
}

// unitStaff adds the people of u.
func (s *staff) unitStaff(u *unit, district *unit) {
	for _, line := range staffing[u.kind] {
		for i := range s.r.between(line.lo, line.hi) {
			s.add(u, district, line.role, i)
		}
	}
}

// add appends person i of a line of unit u.
func (s *staff) add(u, district *unit, role registry.RoleKind, i int) {
	id := int64(len(s.rows) + 1)
	key := fmt.Sprintf("%d/%s", u.id, role)
	if i == 0 {
		s.first[key] = id
	}
	list := titles[string(u.kind)+"/"+string(role)]
	title := list[0]
	if i > 0 {
		title = pick(s.r, list[1:])
	}
	p := s.people.person(s.r, district.code, role == registry.RoleCoordinator)
	cert, subsidy, active := "", 0, true
	if role == registry.RoleEnforcement {
		s.certs++
		cert = fmt.Sprintf("%s%05d", district.code, s.certs)
	}
	if role == registry.RoleCoordinator {
		s.coordinators++
		subsidy = 300 + 50*s.r.IntN(11)
		active = i == 0 || s.r.chance(0.95)
	}
	s.rows = append(s.rows, []any{id, u.id, p.name, p.gender, string(role), title, p.phone, p.idNumber, cert,
		subsidy, active, baseTime, baseTime})
}

// firstOf returns the first person of a line of unit u.
func (s *staff) firstOf(u *unit, role registry.RoleKind) int64 {
	return s.first[fmt.Sprintf("%d/%s", u.id, role)]
}

// districtOf returns the district a unit lies in (a random one for the city bureau, whose
// staff come from all over).
func districtOf(r rng, t *orgTree, u *unit) *unit {
	for x := u; x != nil; x = x.parent {
		if x.kind == registry.OrgDistrict {
			return x
		}
	}
	return pick(r, t.districts)
}
