package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// RecallScope is the recall scope (召回范围) of an identifier: every place its forward trace
// reached, with what arrived there. The caller maps places to businesses and districts.
type RecallScope struct {
	ID        string
	Places    []Place // by first date, then location
	Truncated bool    // the forward trace was cut short at Options.MaxSteps
}

// Place is one location or party a recall reaches.
type Place struct {
	Location string // the location's or party's canonical URI
	// Quantities is what arrived there, per unit, summed over receipts, or over shipments
	// to it when it received none of that identifier.
	Quantities  []Quantity
	First, Last time.Time // the first and last step at or to it
	Rows        []int64   // those steps' events, in time order
	IDs         []string  // the traced identifiers that were there, sorted
}

// Quantity is an amount in a UN/ECE Rec 20 unit; no unit is a count of pieces.
type Quantity struct {
	UOM    string
	Amount float64
}

// Recall returns the recall scope of id from its forward trace: the places where steps
// happened, the destinations it was shipped to, and what arrived at each.
func (ix *Index) Recall(id string, opts Options) (RecallScope, error) {
	var r RecallScope
	err := ix.read(id, true, opts, func(w *walker) {
		s := scope{ix: ix, places: map[uint32]*placeSum{}, seen: map[arrivalKey]bool{}}
		for _, st := range w.steps {
			if st.carried != 0 || w.known[st.id] { // not the inputs of the start's making
				s.add(st)
			}
		}
		r = RecallScope{ID: id, Places: s.answer(), Truncated: w.truncated}
	})
	return r, err
}

// scope sums a forward trace's steps by place.
type scope struct {
	ix                *Index
	places            map[uint32]*placeSum
	seen              map[arrivalKey]bool
	shipped, received []arrival // in time order, so that sums come out the same every time
}

type placeSum struct {
	first, last int64
	rows        []int64
	ids         map[uint32]bool
	amounts     map[uint32]float64 // by unit
}

// arrival is a traced identifier arriving at a place by an event, with the step that moved
// it. One event moving a pallet and the lot on it counts the lot once: its key has no step.
type arrival struct {
	arrivalKey
	step stepRec
}

type arrivalKey struct{ place, traced, ev uint32 }

// add counts one step: at its location, and at the destination of a shipment; receipts
// and shipments are kept apart until answer decides which count.
func (s *scope) add(st stepRec) {
	ix := s.ix
	traced := cmp.Or(st.carried, st.id)
	loc := ix.locs.at(st.ev)
	if loc != 0 {
		s.touch(loc, st, traced)
	}
	switch ix.steps.at(st.ev) {
	case ix.shipping:
		if st.dest != 0 {
			s.touch(st.dest, st, traced)
			s.shipped = s.note(s.shipped, arrival{arrivalKey{st.dest, traced, st.ev}, st})
		}
	case ix.receiving:
		if loc != 0 {
			s.received = s.note(s.received, arrival{arrivalKey{loc, traced, st.ev}, st})
		}
	}
}

// note appends a to list unless its key was seen.
func (s *scope) note(list []arrival, a arrival) []arrival {
	if s.seen[a.arrivalKey] {
		return list
	}
	s.seen[a.arrivalKey] = true
	return append(list, a)
}

// touch notes a step at place p.
func (s *scope) touch(p uint32, st stepRec, traced uint32) {
	ps := s.places[p]
	if ps == nil {
		ps = &placeSum{first: st.t, ids: map[uint32]bool{}, amounts: map[uint32]float64{}}
		s.places[p] = ps
	}
	ps.last = st.t // steps come in time order
	if len(ps.rows) == 0 || ps.rows[len(ps.rows)-1] != st.row {
		ps.rows = append(ps.rows, st.row)
	}
	ps.ids[traced] = true
}

// answer sums the arrivals and turns the places into strings: receipts count; a shipment
// counts when its destination received none of that identifier.
func (s *scope) answer() []Place {
	got := map[[2]uint32]bool{}
	for _, a := range s.received {
		got[[2]uint32{a.place, a.traced}] = true
		s.arrive(a)
	}
	for _, a := range s.shipped {
		if !got[[2]uint32{a.place, a.traced}] {
			s.arrive(a)
		}
	}
	ix := s.ix
	out := make([]Place, 0, len(s.places))
	for p, ps := range s.places {
		pl := Place{Location: ix.ids.str(p), First: time.UnixMilli(ps.first).UTC(), Last: time.UnixMilli(ps.last).UTC(), Rows: ps.rows}
		for id := range ps.ids {
			pl.IDs = append(pl.IDs, ix.ids.str(id))
		}
		slices.Sort(pl.IDs)
		for uom, amount := range ps.amounts {
			pl.Quantities = append(pl.Quantities, Quantity{UOM: ix.vocab.str(uom), Amount: amount})
		}
		slices.SortFunc(pl.Quantities, func(a, b Quantity) int { return strings.Compare(a.UOM, b.UOM) })
		out = append(out, pl)
	}
	slices.SortFunc(out, func(a, b Place) int {
		return cmp.Or(a.First.Compare(b.First), strings.Compare(a.Location, b.Location))
	})
	return out
}

func (s *scope) arrive(a arrival) {
	if a.step.hasQty {
		s.places[a.place].amounts[a.step.uom] += a.step.qty
	}
}
