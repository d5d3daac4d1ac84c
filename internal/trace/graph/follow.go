package graph

import (
	"cmp"

	"github.com/shejian/shejian/internal/epcis"
)

// The forward walk (追踪) takes each identifier over a time window and follows what its
// events link to.

// visit walks the events of a forward item within its window.
func (w *walker) visit(it item) {
	ix := w.ix
	posts := w.scan(it.id)
	it.hi = min(it.hi, w.saleStop(posts, it))
	for _, ev := range posts {
		t := ix.times.at(ev)
		if ix.kinds.at(ev).retracted() || t < it.lo || t > it.hi {
			continue
		}
		w.visitEvent(it, ev, t)
		if w.truncated {
			return
		}
	}
}

// visitEvent records the steps of one event about a forward item and follows its links.
func (w *walker) visitEvent(it item, ev uint32, t int64) {
	ix := w.ix
	ix.decode(ix.recs.at(ev), &w.rec)
	leaf := ix.steps.at(ev) == ix.retail
	if !w.addSteps(it, ev, &w.rec, leaf) || leaf {
		return
	}
	for _, o := range w.rec.objs {
		if o.id == it.id {
			w.follow(it, ev, t, o)
		}
	}
}

// follow queues what a forward step links to: the outputs of a transformation, the parent
// an identifier was aggregated into, or the children aggregated into it. A child reached
// from its parent does not go back to the parent by the event that linked them: the parent
// is walked whole already.
func (w *walker) follow(it item, ev uint32, t int64, o object) {
	switch {
	case o.role == epcis.RoleInput:
		w.outputs(it.id, ev, t)
	case o.role == epcis.RoleChild && packs(w.ix.kinds.at(ev)) && !(it.link == LinkChild && it.ev == ev):
		w.parent(it, ev, t, o)
	case o.role == epcis.RoleParent && packs(w.ix.kinds.at(ev)) && it.carried == 0:
		for _, c := range w.rec.objs {
			if c.role == epcis.RoleChild {
				w.join(c.id, t, LinkChild, it.id, ev)
			}
		}
	}
}

// packs reports whether an event of kind k is an aggregation ADD: it puts children into a
// parent.
func packs(k kind) bool { return k.typ() == typeAggregation && k.action() == actionAdd }

// outputs queues the outputs of the transformation event ev at time t, decoded in w.rec.
// Events sharing its transformationID are one transformation: the outputs of those at or
// after t join too, each from its own event's time.
func (w *walker) outputs(from, ev uint32, t int64) {
	ix := w.ix
	xf := w.rec.xform
	if xf == 0 {
		w.joinOutputs(&w.rec, t, from, ev)
		return
	}
	for _, pe := range w.scan(xf) {
		tp := ix.times.at(pe)
		if ix.kinds.at(pe).retracted() || tp < t {
			continue
		}
		ix.decode(ix.recs.at(pe), &w.peer)
		if w.peer.xform == xf {
			w.joinOutputs(&w.peer, tp, from, pe)
		}
	}
}

// joinOutputs queues every output in record r.
func (w *walker) joinOutputs(r *record, t int64, from, ev uint32) {
	for _, o := range r.objs {
		if o.role == epcis.RoleOutput {
			w.join(o.id, t, LinkOutput, from, ev)
		}
	}
}

// join queues an identifier for all of its future from t.
func (w *walker) join(id uint32, t int64, link Link, from, ev uint32) {
	w.push(item{id: id, lo: t, hi: maxTime, link: link, from: from, ev: ev})
}

// parent queues the parent that the aggregation event ev at time t put the item's
// identifier into, for the time it stayed inside: until a later DELETE took it (or every
// child) out, and within the item's own window.
func (w *walker) parent(it item, ev uint32, t int64, o object) {
	parent := parentOf(&w.rec)
	if parent == 0 {
		return
	}
	p := item{id: parent, lo: t, hi: min(it.hi, w.unpacked(parent, it.id, t)), link: LinkParent, from: it.id, ev: ev,
		carried: cmp.Or(it.carried, it.id)}
	p.cqty, p.cuom, p.chas = tracedQuantity(it, o)
	w.push(p)
}

// parentOf returns the parent an aggregation record names, or 0.
func parentOf(r *record) uint32 {
	for _, p := range r.objs {
		if p.role == epcis.RoleParent {
			return p.id
		}
	}
	return 0
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
