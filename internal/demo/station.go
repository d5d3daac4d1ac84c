package demo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// stationRun generates the businesses of one station from the station's own random stream.
type stationRun struct {
	g       *generator
	r       rng
	d, s    *unit
	place   *place
	markets []*business
	stalls  []int // stalls numbered so far, per market
}

// station generates quota businesses of station s (the index-th) and emits them in id order.
func (g *generator) station(s *unit, index, quota int, emit func(*business) error) error {
	run := &stationRun{g: g, r: newRNG(g.seed, streamStation+uint64(index)), d: s.parent, s: s}
	run.place = newPlace(run.r, run.d, s)
	markets, others := run.plan(quota, index == 0)
	for _, sp := range markets {
		b := run.business(sp, false)
		run.markets, run.stalls = append(run.markets, b), append(run.stalls, 0)
		if err := emit(b); err != nil {
			return err
		}
	}
	for i, sp := range others {
		if err := emit(run.business(sp, index == 0 && i == 0)); err != nil {
			return err
		}
	}
	return nil
}

// plan decides the station's markets and its other businesses: stalls in the markets, the
// random mix, a special-food producer and a central kitchen in a district's first station,
// and the demo restaurant first in the demo station.
func (run *stationRun) plan(quota int, demo bool) (markets, others []spec) {
	r := run.r
	first := run.s == run.d.children[0]
	var forced []spec
	if first {
		special, _ := registry.CategoryByCode(registry.CategorySpecialFood)
		forced = append(forced, spec{special.Code, pick(r, special.Kinds)}, spec{registry.CategoryCatering, "central_kitchen"})
	}
	stalls := int(math.Round(float64(quota) * stallShare))
	markets = marketsFor(stalls, first)
	reserved := len(markets) + len(forced)
	if demo {
		reserved++
	}
	stalls = max(0, min(stalls, quota-reserved))
	for range stalls {
		others = append(others, spec{registry.CategoryStall, pick(r, stallKinds)})
	}
	for range max(0, quota-reserved-stalls) {
		others = append(others, mix[r.weighted(mixWeights)].spec)
	}
	others = shuffled(r, append(others, forced...))
	if demo {
		others = append([]spec{{registry.CategoryCatering, "restaurant"}}, others...)
	}
	return markets, others
}

// marketsFor returns the markets that hold a station's stalls; a district's first station
// has its wholesale market.
func marketsFor(stalls int, first bool) []spec {
	if stalls == 0 {
		return nil
	}
	out := make([]spec, max(1, int(math.Round(float64(stalls)/stallsByMarket))))
	for i := range out {
		out[i] = spec{registry.CategoryMarket, "farmers_market"}
	}
	if first {
		out[0].kind = "wholesale_market"
	}
	return out
}

// business generates one business of spec sp; the demo business is open with a fresh licence.
func (run *stationRun) business(sp spec, demo bool) *business {
	r, g := run.r, run.g
	g.nextID++
	own := owner(r)
	b := &business{spec: sp, id: g.nextID, legalRep: own.name, district: run.d.id, station: run.s.id, phone: mobile(r)}
	if sp.cat == registry.CategoryStall {
		run.stall(b, own)
	} else {
		run.licensed(b, own, demo)
	}
	scaleOf(sp).draw(r, b)
	b.status, b.updated = registry.StatusOpen, b.created
	if !demo && sp.cat != registry.CategoryMarket { // markets stay open for their stalls
		b.setStatus(r)
	}
	if demo {
		g.city.Demo.BusinessID = b.id
	}
	return b
}

// licensed fills in a business that holds its own licence or filing: name, USCC, address,
// a point in one of the station's grids, and the licence.
func (run *stationRun) licensed(b *business, own person, fresh bool) {
	r, g := run.r, run.g
	var kind string
	b.name, kind = run.place.name(r, b.spec, own)
	b.address, b.uscc = run.place.address(r), g.uscc(kind, run.d.code)
	if kind != usccIndividual && r.chance(0.5) {
		b.phone = landline(r)
	}
	grid := pick(r, run.s.children)
	x, y := r.inDisk()
	b.grid = grid.id
	b.lat, b.lng = grid.area.at(0.9*x, 0.9*y)
	cat, _ := registry.CategoryByCode(b.cat)
	b.issued, b.expiry = licenceDates(r, fresh)
	b.licenceNo = g.licences.number(cat, b.kind, run.d, b.issued)
	b.created = b.issued.Add(time.Hour + time.Duration(r.IntN(8*60))*time.Minute)
	if cat.Licence == registry.LicenceNone { // a farm holds no food licence: the day only dates its entry
		b.issued, b.expiry = time.Time{}, time.Time{}
	}
}

// stall places a stall (摊位) in one of the station's markets: same grid and point, the
// market's address with the stall's zone and number.
func (run *stationRun) stall(b *business, own person) {
	r, i := run.r, run.r.IntN(len(run.markets))
	m := run.markets[i]
	run.stalls[i]++
	w := stallWords[b.kind]
	market := strings.TrimPrefix(strings.TrimPrefix(m.name, cityName), cityShort)
	spot := fmt.Sprintf("%s%s区%d号", market, w.zone, run.stalls[i])
	b.name = fmt.Sprintf("%s%s摊（%s）", own.name, w.word, spot)
	b.address, b.market, b.grid, b.lat, b.lng = m.address+spot+"摊位", m.id, m.grid, m.lat, m.lng
	b.uscc = run.g.uscc(usccIndividual, run.d.code)
	days := max(1, int(baseDate.Sub(m.created).Hours()/24))
	b.created = m.created.AddDate(0, 0, r.IntN(days))
}
