package targeting

import (
	"math"
	"sort"
)

// The area predictors sum, for every inspection scored, over the earlier events of its zip
// code, of the city or of its surroundings. Summed event by event that is quadratic in the
// table: a city's three years of record (27,555 inspections) took a minute and a half to
// learn from. The indexes here give the same sums from running totals or from the events
// near enough to count.

// recordedTotals are running sums over some events, in the order they came on record, of
// their weights 2^((day − origin)/halfLife): multiplied by 2^(−(today − origin)/halfLife),
// the first k of them give the age-weighted count of the events on record before today
// (history.inspections) without a pass over them. As with cityTotals, a span of some
// thousand half-lives would overflow them; they are then not used (finite false).
type recordedTotals struct {
	finite   bool
	origin   float64
	recorded []float64 // ascending
	weight   []float64 // weight[k]: the first k events
}

func recordedRunningTotals(events []event, idx []int, halfLife float64) recordedTotals {
	byRecord := append([]int(nil), idx...)
	sort.SliceStable(byRecord, func(a, b int) bool { return events[byRecord[a]].recorded < events[byRecord[b]].recorded })
	r := recordedTotals{recorded: make([]float64, len(byRecord)), weight: make([]float64, len(byRecord)+1)}
	if len(events) > 0 {
		r.origin = events[0].day
	}
	for k, i := range byRecord {
		r.recorded[k] = events[i].recorded
		r.weight[k+1] = r.weight[k] + math.Exp2((events[i].day-r.origin)/halfLife)
	}
	r.finite = !math.IsInf(r.weight[len(byRecord)], 0)
	return r
}

// before is the age-weighted count, on day today, of the events on record before it.
func (r recordedTotals) before(today, halfLife float64) float64 {
	k := sort.SearchFloat64s(r.recorded, today)
	return r.weight[k] * math.Exp2(-(today-r.origin)/halfLife)
}

// nearbyGrid files the events with coordinates by cells of nearbyReach, so that the events
// near enough to count for an inspection (nearbyVsCity: within 3σ) are found among those of
// a few cells instead of the whole table. Each cell keeps its events in date order.
type nearbyGrid struct {
	cellDegrees float64
	cells       map[[2]int][]int
}

// nearbyReach is how far, in σ of the spatial kernel, an event still counts.
const nearbyReach = 3

func newNearbyGrid(events []event, km float64) nearbyGrid {
	g := nearbyGrid{cellDegrees: nearbyReach * km / kmPerDegreeLat, cells: map[[2]int][]int{}}
	for i, e := range events {
		if !math.IsNaN(e.lat) && !math.IsNaN(e.lon) {
			c := g.cell(e.lat, e.lon)
			g.cells[c] = append(g.cells[c], i)
		}
	}
	return g
}

func (g nearbyGrid) cell(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / g.cellDegrees)), int(math.Floor(lon / g.cellDegrees))}
}

// around calls each with the events of every cell that may hold one within the reach of a
// point at lat, lon: a cell either side in latitude, and as many in longitude as the reach
// spans there, where a degree of longitude is shorter by the cosine of the latitude.
func (g nearbyGrid) around(lat, lon float64, each func(idx []int)) {
	cos := math.Cos(lat * math.Pi / 180)
	spanLon := int(math.Ceil(1 / max(cos, 1e-9)))
	centre := g.cell(lat, lon)
	for dy := -1; dy <= 1; dy++ {
		for dx := -spanLon; dx <= spanLon; dx++ {
			if idx := g.cells[[2]int{centre[0] + dy, centre[1] + dx}]; len(idx) > 0 {
				each(idx)
			}
		}
	}
}
