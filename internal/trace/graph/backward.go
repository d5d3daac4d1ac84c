package graph

import (
	"cmp"
	"slices"

	"github.com/shejian/shejian/internal/epcis"
)

// The backward walk (溯源) goes from place to place: an item is an identifier at a place up
// to a time, and the question at each is how it came to be there.

// origin adds how id came to be, looked for anywhere up to t: the events that made it,
// else its earliest events, which stand for its making. For the start, those earliest
// events are gaps: the captured data stop there.
func (w *walker) origin(id uint32, t int64, start bool) {
	if w.origins[id] {
		return
	}
	w.origins[id] = true
	if w.making(id, anyPlace, t) {
		return
	}
	ix := w.ix
	posts := w.scan(id)
	first := int64(maxTime)
	for _, ev := range posts {
		if te := ix.times.at(ev); !ix.kinds.at(ev).retracted() && te <= t {
			first = min(first, te)
		}
	}
	for _, ev := range posts {
		if ix.kinds.at(ev).retracted() || ix.times.at(ev) != first {
			continue
		}
		ix.decode(ix.recs.at(ev), &w.rec)
		w.addSteps(item{id: id}, ev, &w.rec, false)
		if start {
			w.gaps = append(w.gaps, gapRec{id, w.cameFrom(ev, &w.rec), ev})
		}
	}
}

// cameFrom is the place event ev, decoded in r, says its objects were at before it: a
// receiving's source, else its location.
func (w *walker) cameFrom(ev uint32, r *record) uint32 {
	if w.ix.steps.at(ev) == w.ix.receiving && r.src != 0 {
		return r.src
	}
	return w.ix.locs.at(ev)
}

// arrive walks a backward item: how its identifier came to be at its place by it.hi. It
// was made there, or it arrived there: received, shipped there, or on a parent. When the
// captured events say neither, the place is a gap and the identifier's origin is looked
// for anywhere.
func (w *walker) arrive(it item) {
	found := it.place != 0 && w.making(it.id, it.place, it.hi)
	found = it.place != 0 && w.arrivals(it) || found
	if !found {
		w.gaps = append(w.gaps, gapRec{it.id, it.place, it.ev})
		w.origin(it.id, it.hi, false)
	}
}

// shipment is a shipping of the walked identifier that may have sent it to the walked
// place: it names the place as its destination (to), or names none.
type shipment struct {
	ev   uint32
	t    int64
	from uint32 // the place it left: its source, else its location
	to   bool
}

// arrivals adds the events that brought the item's identifier to its place by it.hi and
// queues the places it came from, reporting whether there were any: the receivings there
// with the shipments they match; when the place recorded no receiving of it, the
// shipments to it; and the parents it arrived on.
func (w *walker) arrivals(it item) bool {
	ix := w.ix
	w.received, w.sent, w.packed = w.received[:0], w.sent[:0], w.packed[:0]
	for _, ev := range w.scan(it.id) {
		t, k := ix.times.at(ev), ix.kinds.at(ev)
		step := ix.steps.at(ev)
		if k.retracted() || t > it.hi || (step != ix.receiving && step != ix.shipping && !packs(k)) {
			continue
		}
		ix.decode(ix.recs.at(ev), &w.rec)
		role, loc := roleOf(&w.rec, it.id), ix.locs.at(ev)
		switch {
		case role == epcis.RoleEPC && step == ix.receiving && loc == it.place:
			w.received = append(w.received, ev)
		case role == epcis.RoleEPC && step == ix.shipping && (w.rec.dest == it.place || w.rec.dest == 0):
			w.sent = append(w.sent, shipment{ev: ev, t: t, from: cmp.Or(w.rec.src, loc), to: w.rec.dest != 0})
		case role == epcis.RoleChild && packs(k) && loc != it.place:
			w.packed = append(w.packed, ev)
		}
	}
	for _, r := range w.received {
		w.receipt(it, r)
	}
	found := len(w.received) > 0
	for _, s := range w.sent {
		if s.to && len(w.received) == 0 {
			w.shipped(it, s)
			found = true
		}
	}
	for _, a := range w.packed {
		found = w.unloaded(it, a) || found
	}
	return found
}

// roleOf returns the role of id in r, or 0 when r does not list it.
func roleOf(r *record, id uint32) epcis.Role {
	for _, o := range r.objs {
		if o.id == id {
			return o.role
		}
	}
	return 0
}

// receipt adds receiving r of the item's identifier at its place and the shipment that
// sent it, and queues the place it came from: the shipment's source, else the receiving's
// source (a receiving whose shipment was not captured). A shipment matches when it is not
// later, leaves from the receiving's source (if it names one) and goes to the place (or
// names no destination, if the receiving names a source). Of several, those sharing a
// business transaction with the receiving win, then the latest.
func (w *walker) receipt(it item, r uint32) {
	ix := w.ix
	ix.decode(ix.recs.at(r), &w.rec)
	w.addSteps(item{id: it.id}, r, &w.rec, false)
	tr, src := ix.times.at(r), w.rec.src
	match, shares := -1, false
	for i, s := range w.sent {
		if s.t > tr || (src != 0 && s.from != src) || (src == 0 && !s.to) {
			continue
		}
		sh := w.sharesTransaction(s.ev)
		if match < 0 || (sh && !shares) || (sh == shares && s.t > w.sent[match].t) {
			match, shares = i, sh
		}
	}
	next := item{id: it.id, place: src, hi: tr, link: it.link, from: it.from, ev: r}
	if match >= 0 {
		s := w.sent[match]
		ix.decode(ix.recs.at(s.ev), &w.peer)
		w.addSteps(item{id: it.id}, s.ev, &w.peer, false)
		next.place, next.hi, next.ev = s.from, s.t, s.ev
	}
	w.push(next)
}

// sharesTransaction reports whether event ev names a business transaction the receiving
// decoded in w.rec names (their hashes agree).
func (w *walker) sharesTransaction(ev uint32) bool {
	if len(w.rec.txs) == 0 {
		return false
	}
	w.ix.decode(w.ix.recs.at(ev), &w.peer)
	for _, tx := range w.peer.txs {
		if slices.Contains(w.rec.txs, tx) {
			return true
		}
	}
	return false
}

// shipped adds shipment s of the item's identifier to its place, which recorded no
// receiving of it, and queues the place it left.
func (w *walker) shipped(it item, s shipment) {
	w.ix.decode(w.ix.recs.at(s.ev), &w.rec)
	w.addSteps(item{id: it.id}, s.ev, &w.rec, false)
	w.push(item{id: it.id, place: s.from, hi: s.t, link: it.link, from: it.from, ev: s.ev})
}

// unloaded adds the item's identifier arriving at its place on a parent: aggregation ADD
// a put it into the parent at another place, and the parent came to the item's place
// (received or unpacked there) before it was taken out. The parent's events while the
// identifier was inside are steps carrying it, and the identifier is walked on from where
// it was packed. It reports whether the parent came.
func (w *walker) unloaded(it item, a uint32) bool {
	ix := w.ix
	ix.decode(ix.recs.at(a), &w.rec)
	parent, ta := parentOf(&w.rec), ix.times.at(a)
	if parent == 0 {
		return false
	}
	carrier := item{id: parent, carried: it.id}
	for _, o := range w.rec.objs {
		if o.id == it.id && o.role == epcis.RoleChild {
			carrier.cqty, carrier.cuom, carrier.chas = tracedQuantity(item{}, o)
		}
	}
	hi := min(it.hi, w.unpacked(parent, it.id, ta))
	posts := w.scan(parent)
	inside := func(pe uint32) bool {
		tp := ix.times.at(pe)
		return !ix.kinds.at(pe).retracted() && tp >= ta && tp <= hi
	}
	came := slices.ContainsFunc(posts, func(pe uint32) bool {
		k := ix.kinds.at(pe)
		return inside(pe) && pe != a && ix.locs.at(pe) == it.place &&
			(ix.steps.at(pe) == ix.receiving || (k.typ() == typeAggregation && k.action() == actionDelete))
	})
	if !came {
		return false
	}
	for _, pe := range posts {
		if inside(pe) {
			ix.decode(ix.recs.at(pe), &w.peer)
			w.addSteps(carrier, pe, &w.peer, false)
			w.addSteps(item{id: it.id}, pe, &w.peer, false)
		}
	}
	w.note(parent, it.id, a, LinkParent)
	w.push(item{id: it.id, place: ix.locs.at(a), hi: ta, link: it.link, from: it.from, ev: a})
	return true
}
