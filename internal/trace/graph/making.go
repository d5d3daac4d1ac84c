package graph

import (
	"math"

	"github.com/shejian/shejian/internal/epcis"
)

// anyPlace asks making for events at any place.
const anyPlace = math.MaxUint32

// making adds the steps of the events that made id (its making, 生成) at or before t, at
// place (anyPlace: anywhere), and reports whether there were any. An event makes id when
// it commissions it (an ObjectEvent ADD listing it), outputs it (a transformation, with
// every event sharing its transformationID up to this one: one transformation reported in
// parts) or packs children into it (an AggregationEvent ADD naming it the parent). Its
// steps are of id and of what went in, the inputs or the children; backward, what went in
// is then walked back from the place and time of the event that lists it.
func (w *walker) making(id, place uint32, t int64) bool {
	ix := w.ix
	found := false
	for _, ev := range w.scan(id) {
		te, k := ix.times.at(ev), ix.kinds.at(ev)
		if k.retracted() || te > t || (place != anyPlace && ix.locs.at(ev) != place) {
			continue
		}
		ix.decode(ix.recs.at(ev), &w.rec)
		makes, in := madeOf(k, &w.rec, id)
		switch {
		case !makes:
			continue
		case in == epcis.RoleInput && w.rec.xform != 0:
			w.transformationParts(id, w.rec.xform, te)
		default:
			w.made(id, ev, &w.rec, in)
		}
		found = true
	}
	return found
}

// madeOf reports whether an event of kind k, decoded in r, makes id, and the role of what
// went in: RoleInput when it outputs id, RoleChild when it packs children into id, none
// when it commissions id.
func madeOf(k kind, r *record, id uint32) (bool, epcis.Role) {
	for _, o := range r.objs {
		switch {
		case o.id != id:
		case o.role == epcis.RoleOutput:
			return true, epcis.RoleInput
		case o.role == epcis.RoleParent && packs(k):
			return true, epcis.RoleChild
		case o.role == epcis.RoleEPC && k.typ() == typeObject && k.action() == actionAdd:
			return true, 0
		}
	}
	return false, 0
}

// transformationParts adds the events of transformation xf up to time t, the time of the
// part that output id.
func (w *walker) transformationParts(id, xf uint32, t int64) {
	ix := w.ix
	for _, pe := range w.scan(xf) {
		if ix.kinds.at(pe).retracted() || ix.times.at(pe) > t {
			continue
		}
		ix.decode(ix.recs.at(pe), &w.peer)
		if w.peer.xform == xf {
			w.made(id, pe, &w.peer, epcis.RoleInput)
		}
	}
}

// made adds the steps of making event ev, decoded in r: of id, and of the objects of role
// in that went in. Backward, each of those is walked back from the event's place and time.
func (w *walker) made(id, ev uint32, r *record, in epcis.Role) {
	w.addSteps(item{id: id}, ev, r, false)
	if in == 0 {
		return
	}
	link := LinkInput
	if in == epcis.RoleChild {
		link = LinkChild
	}
	for _, o := range r.objs {
		if o.role != in {
			continue
		}
		w.addSteps(item{id: o.id}, ev, r, false)
		if !w.forward {
			w.push(item{id: o.id, place: w.ix.locs.at(ev), hi: w.ix.times.at(ev), link: link, from: id, ev: ev})
		}
	}
}
