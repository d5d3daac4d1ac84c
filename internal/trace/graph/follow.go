package graph

import (
	"cmp"

	"github.com/shejian/shejian/internal/epcis"
)

// follow queues what a step links to: the other side of a transformation, the parent an
// identifier was aggregated into, or the children aggregated into it. A child reached from
// its parent does not go back to the parent by the event that linked them: the parent is
// walked whole already.
func (w *walker) follow(it item, ev uint32, t int64, o object) {
	k := w.ix.kinds.at(ev)
	adds := k.typ() == typeAggregation && k.action() == actionAdd
	switch {
	case o.role == epcis.RoleInput && w.forward:
		w.transformation(it.id, ev, t, epcis.RoleOutput, LinkOutput)
	case o.role == epcis.RoleOutput && !w.forward:
		w.transformation(it.id, ev, t, epcis.RoleInput, LinkInput)
	case o.role == epcis.RoleChild && adds && !(it.link == LinkChild && it.ev == ev):
		w.parent(it, ev, t, o)
	case o.role == epcis.RoleParent && adds && it.carried == 0:
		for _, c := range w.rec.objs {
			if c.role == epcis.RoleChild {
				w.join(c.id, t, LinkChild, it.id, ev)
			}
		}
	}
}

// transformation queues the identifiers of role want (outputs forward, inputs backward) of
// the transformation event ev at time t. Events sharing its transformationID are one
// transformation: their identifiers join too, when their time does not run against the
// walk's direction, each from its own event's time.
func (w *walker) transformation(from, ev uint32, t int64, want epcis.Role, link Link) {
	ix := w.ix
	xf := w.rec.xform
	if xf == 0 {
		w.joinRole(&w.rec, want, t, link, from, ev)
		return
	}
	for _, pe := range w.scan(xf) {
		tp := ix.times.at(pe)
		if ix.kinds.at(pe).retracted() || (w.forward && tp < t) || (!w.forward && tp > t) {
			continue
		}
		ix.decode(ix.recs.at(pe), &w.peer)
		if w.peer.xform == xf {
			w.joinRole(&w.peer, want, tp, link, from, pe)
		}
	}
}

// joinRole queues every identifier of role want in record r.
func (w *walker) joinRole(r *record, want epcis.Role, t int64, link Link, from, ev uint32) {
	for _, o := range r.objs {
		if o.role == want {
			w.join(o.id, t, link, from, ev)
		}
	}
}

// join queues an identifier for all of its future from t (forward) or its past up to t
// (backward).
func (w *walker) join(id uint32, t int64, link Link, from, ev uint32) {
	it := item{id: id, lo: t, hi: maxTime, link: link, from: from, ev: ev}
	if !w.forward {
		it.lo, it.hi = minTime, t
	}
	w.push(it)
}

// parent queues the parent that the aggregation event ev at time t put the item's
// identifier into, for the time it stayed inside: until a later DELETE took it (or every
// child) out, and within the item's own window.
func (w *walker) parent(it item, ev uint32, t int64, o object) {
	var parent uint32
	for _, p := range w.rec.objs {
		if p.role == epcis.RoleParent {
			parent = p.id
		}
	}
	if parent == 0 {
		return
	}
	p := item{id: parent, lo: t, hi: min(it.hi, w.unpacked(parent, it.id, t)), link: LinkParent, from: it.id, ev: ev,
		carried: cmp.Or(it.carried, it.id)}
	p.cqty, p.cuom, p.chas = tracedQuantity(it, o)
	w.push(p)
}

// unpacked returns the time of the first DELETE at or after t that took child (or every
// child) out of parent, or maxTime.
func (w *walker) unpacked(parent, child uint32, t int64) int64 {
	ix := w.ix
	end := int64(maxTime)
	for _, pe := range w.scan(parent) {
		tp, k := ix.times.at(pe), ix.kinds.at(pe)
		if k.retracted() || tp < t || tp >= end || k.typ() != typeAggregation || k.action() != actionDelete {
			continue
		}
		ix.decode(ix.recs.at(pe), &w.peer)
		if removes(&w.peer, parent, child) {
			end = tp
		}
	}
	return end
}

// removes reports whether a DELETE record takes child out of parent: it names parent as its
// parent and lists child, or lists no child at all.
func removes(r *record, parent, child uint32) bool {
	isParent, children, listed := false, 0, false
	for _, o := range r.objs {
		switch o.role {
		case epcis.RoleParent:
			isParent = isParent || o.id == parent
		case epcis.RoleChild:
			children++
			listed = listed || o.id == child
		}
	}
	return isParent && (children == 0 || listed)
}

// saleStop returns the time of the first retail sale (零售) in the item's window of its
// identifier as an instance: the object left the supply chain, so a forward walk takes none
// of its later events. A quantity of a lot sold at retail is a leaf step but the rest of the
// lot goes on. maxTime when there is none.
func (w *walker) saleStop(posts []uint32, it item) int64 {
	ix := w.ix
	stop := int64(maxTime)
	for _, ev := range posts {
		t := ix.times.at(ev)
		if ix.steps.at(ev) != ix.retail || ix.kinds.at(ev).retracted() || t < it.lo || t >= stop {
			continue
		}
		ix.decode(ix.recs.at(ev), &w.peer)
		for _, o := range w.peer.objs {
			if o.id == it.id && !o.class {
				stop = t
			}
		}
	}
	return stop
}

// tracedQuantity is the quantity a step of object o moves for item it: what the parent
// carries, a quantity element's own, or one piece of an instance.
func tracedQuantity(it item, o object) (qty float64, uom uint32, has bool) {
	switch {
	case it.carried != 0:
		return it.cqty, it.cuom, it.chas
	case !o.class:
		return 1, 0, true
	}
	return o.qty, o.uom, o.hasQty
}
