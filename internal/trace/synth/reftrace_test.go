package synth

import (
	"fmt"
	"slices"
	"time"
)

// refTrace is a plain trace over a handful of events, written from the rules the package
// doc states, to check the small chain's answers worked out by hand: slow and obvious.
// It reads the live events only: no withdrawn event, no declaration.
type refTrace struct {
	events []decoded
	ids    map[string]bool
	reach  map[refNode]*refReach
}

type refNode struct{ lot, place string }

type refReach struct {
	quantity float64
	uom      string
	first    time.Time
}

func newRefTrace(all []decoded) *refTrace {
	gone, declarations := withdrawn(all)
	r := &refTrace{ids: map[string]bool{}, reach: map[refNode]*refReach{}}
	for i, e := range all {
		if !gone[e.ID] && !declarations[i] {
			r.events = append(r.events, e)
		}
	}
	return r
}

// quantityOf returns the quantity element of lot in qs.
func quantityOf(qs []decodedQuantity, lot string) (decodedQuantity, bool) {
	for _, q := range qs {
		if q.EPCClass == lot {
			return q, true
		}
	}
	return decodedQuantity{}, false
}

// creation returns the events creating lot, a harvest or every event of the
// transformation making it, and where.
func (r *refTrace) creation(lot string) ([]int, string) {
	for i, e := range r.events {
		if _, ok := quantityOf(e.OutputQuantityList, lot); ok {
			return r.transformation(i), e.place()
		}
		if _, ok := quantityOf(e.QuantityList, lot); ok && e.BizStep == "commissioning" {
			return []int{i}, e.place()
		}
	}
	panic("no creation of " + lot)
}

// transformation returns event i and the events sharing its transformationID.
func (r *refTrace) transformation(i int) []int {
	out := []int{i}
	for j, e := range r.events {
		if j != i && e.TransformationID != "" && e.TransformationID == r.events[i].TransformationID {
			out = append(out, j)
		}
	}
	return out
}

func (r *refTrace) add(evs ...int) {
	for _, i := range evs {
		r.ids[r.events[i].ID] = true
	}
}

// arrived records that q of a lot reached place at.
func (r *refTrace) arrived(n refNode, q decodedQuantity, at time.Time) {
	got := r.reach[n]
	if got == nil {
		got = &refReach{uom: q.UOM, first: at}
		r.reach[n] = got
	}
	got.quantity += q.Quantity
	if at.Before(got.first) {
		got.first = at
	}
}

// find returns the events matching.
func (r *refTrace) find(match func(e *decoded) bool) []int {
	var out []int
	for i := range r.events {
		if match(&r.events[i]) {
			out = append(out, i)
		}
	}
	return out
}

// created adds the creation of lot, records it as reached where it was made, and returns
// that place and the inputs of its transformation, if any.
func (r *refTrace) created(lot string) (string, []decodedQuantity) {
	evs, place := r.creation(lot)
	r.add(evs...)
	var inputs []decodedQuantity
	for _, i := range evs {
		e := &r.events[i]
		if q, ok := quantityOf(slices.Concat(e.OutputQuantityList, e.QuantityList), lot); ok {
			r.arrived(refNode{lot, place}, q, e.EventTime)
		}
		inputs = append(inputs, e.InputQuantityList...)
	}
	return place, inputs
}

// forward adds every event from the lot's creation on that it, or a lot made of it, went
// through, and records every place they reached.
func (r *refTrace) forward(lot string) {
	place, _ := r.created(lot)
	queue, seen := []refNode{{lot, place}}, map[refNode]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		for _, i := range r.find(func(e *decoded) bool { return e.place() == n.place }) {
			queue = append(queue, r.forwardFrom(n, i)...)
		}
	}
}

// forwardFrom follows a lot at a place through event i there; it returns the nodes reached.
func (r *refTrace) forwardFrom(n refNode, i int) []refNode {
	e := &r.events[i]
	if _, ok := quantityOf(e.InputQuantityList, n.lot); ok {
		var next []refNode
		for _, j := range r.transformation(i) {
			r.add(j)
			for _, out := range r.events[j].OutputQuantityList {
				r.arrived(refNode{out.EPCClass, n.place}, out, r.events[j].EventTime)
				next = append(next, refNode{out.EPCClass, n.place})
			}
		}
		return next
	}
	q, ok := quantityOf(slices.Concat(e.QuantityList, e.ChildQuantityList), n.lot)
	switch {
	case !ok:
		return nil
	case e.Type == "AggregationEvent" && e.Action == "ADD":
		to := r.followPallet(i)
		r.arrived(refNode{n.lot, to.place}, q, to.at)
		return []refNode{{n.lot, to.place}}
	case e.BizStep == "shipping":
		r.add(i)
		var next []refNode
		for _, j := range r.find(func(g *decoded) bool {
			_, has := quantityOf(g.QuantityList, n.lot)
			return has && g.BizStep == "receiving" && g.place() == e.destination() && g.source() == n.place
		}) {
			r.add(j)
			got, _ := quantityOf(r.events[j].QuantityList, n.lot)
			r.arrived(refNode{n.lot, r.events[j].place()}, got, r.events[j].EventTime)
			next = append(next, refNode{n.lot, r.events[j].place()})
		}
		return next
	case e.BizStep == "retail_selling", e.BizStep == "dispensing":
		r.add(i)
	}
	return nil
}

type palletArrival struct {
	place string
	at    time.Time
}

// followPallet adds the packing event i, the pallet's shipping and receiving and its
// unpacking where it arrived, and returns where and when it arrived.
func (r *refTrace) followPallet(i int) palletArrival {
	sscc := r.events[i].pallet()
	moves := r.find(func(e *decoded) bool { return e.pallet() == sscc })
	r.add(moves...)
	for _, j := range moves {
		if r.events[j].BizStep == "receiving" {
			return palletArrival{r.events[j].place(), r.events[j].EventTime}
		}
	}
	panic(fmt.Sprintf("pallet %s never arrives", sscc))
}

// backward adds the lot's creation and every event through which what it was made of
// came to where it was made, back to their harvests.
func (r *refTrace) backward(lot string) {
	place, inputs := r.created(lot)
	queue := []refNode{}
	for _, in := range inputs {
		queue = append(queue, refNode{in.EPCClass, place})
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if origin, inputs := r.creationIfAt(n); origin {
			for _, in := range inputs {
				queue = append(queue, refNode{in.EPCClass, n.place})
			}
			continue
		}
		queue = append(queue, r.arrivals(n)...)
	}
}

// creationIfAt adds the creation of the node's lot when it happened at the node's place.
func (r *refTrace) creationIfAt(n refNode) (bool, []decodedQuantity) {
	if _, place := r.creation(n.lot); place != n.place {
		return false, nil
	}
	_, inputs := r.created(n.lot)
	return true, inputs
}

// arrivals adds the events that brought a lot to a place, loose or on a pallet, and
// returns the places it came from.
func (r *refTrace) arrivals(n refNode) []refNode {
	var from []refNode
	for _, i := range r.find(func(e *decoded) bool { return e.place() == n.place }) {
		e := &r.events[i]
		_, loose := quantityOf(e.QuantityList, n.lot)
		_, packed := quantityOf(e.ChildQuantityList, n.lot)
		switch {
		case e.BizStep == "receiving" && loose:
			r.add(i)
			r.add(r.find(func(g *decoded) bool {
				_, has := quantityOf(g.QuantityList, n.lot)
				return has && g.BizStep == "shipping" && g.place() == e.source() && g.destination() == n.place
			})...)
			from = append(from, refNode{n.lot, e.source()})
		case e.Action == "DELETE" && packed:
			moves := r.find(func(g *decoded) bool { return g.pallet() == e.pallet() })
			r.add(moves...)
			from = append(from, refNode{n.lot, r.events[moves[0]].place()})
		}
	}
	return from
}
