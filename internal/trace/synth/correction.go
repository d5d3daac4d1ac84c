package synth

// mistake is how a shipping or receiving event was first recorded wrongly.
type mistake struct {
	// wrongPlace, when not none, is the destination written instead of the real one.
	wrongPlace int32
	// tenth: the first quantity was typed with a digit too few. A mistake never makes a
	// quantity larger, so that it never breaks a rule capture keeps on what was received.
	tenth bool
}

// add appends e, naming it with a urn:uuid at the configured rate, and returns the index
// of the event that stands for it. A correctable event (shipping, receiving) is, at the
// configured error rate or when b.forced says so, recorded three times: wrongly, then
// correctly as a corrective event, then wrongly again with an error declaration naming the
// corrective event, the way EPCIS 2.0 withdraws an event. The corrective event stands
// for it.
func (b *builder) add(e event, correctable bool) int32 {
	if e.id == none && b.r.Float64() < b.ch.cfg.UUIDRate {
		e.id = b.newID()
	}
	if correctable {
		if m, ok := b.mistakeFor(&e); ok {
			return b.correct(e, m)
		}
	}
	b.events = append(b.events, e)
	return int32(len(b.events) - 1)
}

// mistakeFor decides whether e is recorded wrongly and how: a shipping event may name the
// wrong destination, an event with quantities a wrong quantity.
func (b *builder) mistakeFor(e *event) (mistake, bool) {
	if m := b.forced; m != nil {
		b.forced = nil
		return *m, true
	}
	if b.r.Float64() >= b.ch.cfg.ErrorRate || b.exact {
		return mistake{}, false
	}
	hasQuantity := e.what.to > e.what.from
	if hasQuantity {
		q := b.qs[e.what.from]
		hasQuantity = q.milli >= 10*b.grain(q.lot) // a tenth of it differs from it
	}
	if e.bizStep == "shipping" && (!hasQuantity || b.r.IntN(2) == 0) {
		if wrong := b.other(e.dstPlace); wrong != e.dstPlace {
			return mistake{wrongPlace: wrong}, true
		}
	}
	return mistake{wrongPlace: none, tenth: true}, hasQuantity
}

// other picks a business of the same kind as place, other than it when there is one.
func (b *builder) other(place int32) int32 {
	pool := b.ch.byKind[b.ch.parties[place].Kind]
	for len(pool) > 1 {
		if pick := pool[b.r.IntN(len(pool))]; pick != place {
			return pick
		}
	}
	return place
}

// correct records e wrongly as m says, then its corrective event, then the error
// declaration, hours after, and returns the index of the corrective event.
func (b *builder) correct(e event, m mistake) int32 {
	wrong := e // with a urn:uuid or, most often, none: the declaration then names the hash
	if m.wrongPlace != none {
		wrong.dstPlace, wrong.dstParty = m.wrongPlace, m.wrongPlace
	}
	if m.tenth {
		wrong.what = b.copySpan(e.what)
		q := &b.qs[wrong.what.from]
		g := b.grain(q.lot)
		q.milli = max(q.milli/10/g*g, g)
	}
	b.events = append(b.events, wrong)
	fixed := e
	fixed.id = b.newID()
	b.events = append(b.events, fixed)
	declaration := wrong
	declaration.declaredAt = e.at + hours(1) + b.r.Int64N(hours(48))
	declaration.correctiveID = fixed.id
	b.events = append(b.events, declaration)
	return int32(len(b.events) - 2)
}

// copySpan copies a run of quantities, so that one copy can change.
func (b *builder) copySpan(s span) span {
	from := int32(len(b.qs))
	b.qs = append(b.qs, b.qs[s.from:s.to]...)
	return span{from, int32(len(b.qs))}
}
