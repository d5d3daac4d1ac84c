package journey

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/trace/graph"
)

// RecallAnswer is the recall scope (召回范围) of a lot as the caller may see it
// (GET /api/v1/recall): every place the lot, or anything made of it, was made at or
// arrived at, grouped by district, schools and canteens first in each; then the places that
// are no registered business.
type RecallAnswer struct {
	ID           string          `json:"id"`
	Districts    []DistrictGroup `json:"districts"`
	Unregistered []RecallPlace   `json:"unregistered"`
	Truncated    bool            `json:"truncated"`
}

// DistrictGroup is the places of a recall in one district.
type DistrictGroup struct {
	DistrictID int64         `json:"district_id"`
	District   string        `json:"district"`
	Canteens   int           `json:"canteens"` // of the places seen in full
	Places     []RecallPlace `json:"places"`
}

// Quantity is an amount in a UN/ECE Rec 20 unit; no unit is a count of pieces.
type Quantity struct {
	UOM    string  `json:"uom,omitempty"`
	Amount float64 `json:"amount"`
}

// quantities are the index's quantities as answered.
func quantities(qs []graph.Quantity) []Quantity {
	out := make([]Quantity, len(qs))
	for i, q := range qs {
		out[i] = Quantity(q)
	}
	return out
}

// RecallPlace is one place a recall reaches.
type RecallPlace struct {
	Place Place `json:"place"`
	// Quantities is what arrived there, per unit: receipts, or shipments to a place that
	// recorded none. Made is what was made there (a harvest, a transformation's outputs).
	Quantities []Quantity `json:"quantities"`
	Made       []Quantity `json:"made,omitempty"`
	First      time.Time  `json:"first"`
	Last       time.Time  `json:"last"`
	Lots       []string   `json:"lots"` // the traced lots that were there
	EventIDs   []string   `json:"event_ids"`
}

// recall is the recall scope as the caller sees it.
func (l *lotTraces) recall(scope graph.RecallScope) RecallAnswer {
	out := RecallAnswer{ID: l.id, Districts: []DistrictGroup{}, Unregistered: []RecallPlace{}, Truncated: scope.Truncated}
	groups := map[int64]*DistrictGroup{}
	made := l.made()
	for _, p := range scope.Places {
		rp := RecallPlace{Place: l.view.place(p.Location), Quantities: quantities(p.Quantities), Made: made[p.Location],
			First: p.First, Last: p.Last}
		for _, id := range p.IDs {
			rp.Lots = append(rp.Lots, l.view.lot(id))
		}
		for _, row := range p.Rows {
			rp.EventIDs = append(rp.EventIDs, l.events[row])
		}
		if !rp.Place.Registered {
			out.Unregistered = append(out.Unregistered, rp)
			continue
		}
		g := groups[rp.Place.DistrictID]
		if g == nil {
			g = &DistrictGroup{DistrictID: rp.Place.DistrictID, District: rp.Place.District}
			groups[g.DistrictID] = g
		}
		if rp.Place.Canteen {
			g.Canteens++
		}
		g.Places = append(g.Places, rp)
	}
	for _, g := range groups {
		slices.SortStableFunc(g.Places, func(a, b RecallPlace) int {
			if a.Place.Canteen != b.Place.Canteen {
				return boolOrder(a.Place.Canteen)
			}
			return a.First.Compare(b.First)
		})
		out.Districts = append(out.Districts, *g)
	}
	slices.SortFunc(out.Districts, func(a, b DistrictGroup) int { return cmp.Compare(a.DistrictID, b.DistrictID) })
	return out
}

// made sums, per place and unit, what the forward trace made of the lot and of what was
// made of it: its makings' outputs and commissionings, not their inputs.
func (l *lotTraces) made() map[string][]Quantity {
	sums := map[string]map[string]float64{}
	for _, s := range uniqueSteps(l.forward.Steps) {
		if !isMaking(s) || s.Carries != "" || !s.HasQuantity || s.Location == "" {
			continue
		}
		if sums[s.Location] == nil {
			sums[s.Location] = map[string]float64{}
		}
		sums[s.Location][s.UOM] += s.Quantity
	}
	out := make(map[string][]Quantity, len(sums))
	for place, byUnit := range sums {
		for _, u := range slices.Sorted(maps.Keys(byUnit)) {
			out[place] = append(out[place], Quantity{UOM: u, Amount: byUnit[u]})
		}
	}
	return out
}

// boolOrder sorts true first.
func boolOrder(first bool) int {
	if first {
		return -1
	}
	return 1
}
