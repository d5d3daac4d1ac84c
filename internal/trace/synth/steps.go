package synth

// The steps of a flow. Each writes the events of one thing that happens to goods, at the
// times and in the amounts the planner (flow.go) or SmallChain chose, and returns the
// indexes of its events.

// route is who sends goods where: the places shipping and receiving happen at, and the
// parties the events' source and destination lists name.
type route struct {
	from, to int32 // shipping at from, receiving at to
	owner    int32 // owning party at the source: the seller
	buyer    int32 // party at the destination
	// possessing: the destination party holds the goods without owning them, as a market
	// holds what a farmer brings to sell.
	possessing bool
	tx         bizTx
	cert       uint64
}

// direct is the route of a business's own delivery to a buyer, with its despatch advice.
func (b *builder) direct(from, to int32) route {
	return route{from: from, to: to, owner: from, buyer: to, tx: bizTx{despatchTx, from, b.r.Uint64N(1e9)}}
}

// routed gives a shipping or receiving event the source and destination of rt.
func (e *event) routed(rt route) {
	e.srcParty, e.srcPlace = rt.owner, rt.from
	e.dstParty, e.dstPlace, e.dstPossessing = rt.buyer, rt.to, rt.possessing
	e.txs[0] = rt.tx
}

// harvest commissions a new lot of p at a farm (ObjectEvent ADD, commissioning).
func (b *builder) harvest(farm int32, p *product, milli int64, at int64) (lotIndex, ev int32) {
	l := b.newLot(p, at, 'H')
	e := newEvent(objectEvent, "ADD", "commissioning", "active", at, farm)
	e.what = b.quantities(item{l, milli})
	ev = b.add(e, false)
	b.lots[l].created = ev
	return l, ev
}

// ship writes the shipping event at rt.from, at, and the receiving event at rt.to,
// arrive, of got (nil: all that was sent arrived).
func (b *builder) ship(rt route, sent, got []item, at, arrive int64) (shipping, receiving int32) {
	s := newEvent(objectEvent, "OBSERVE", "shipping", "in_transit", at, rt.from)
	s.leaving = true
	s.routed(rt)
	s.cert = rt.cert
	s.what = b.quantities(sent...)
	shipping = b.add(s, true)
	if got == nil {
		got = sent
	}
	return shipping, b.receive(rt, got, arrive)
}

// receive writes the receiving event of got at rt.to.
func (b *builder) receive(rt route, got []item, at int64) int32 {
	e := newEvent(objectEvent, "OBSERVE", "receiving", "in_progress", at, rt.to)
	e.routed(rt)
	e.what = b.quantities(got...)
	return b.add(e, true)
}

// palletTimes are the times of the four events of a pallet's journey.
type palletTimes struct{ pack, ship, arrive, unpack int64 }

// palletShip packs items on an SSCC-numbered pallet at rt.from (AggregationEvent ADD,
// packing), ships and receives the pallet by its SSCC alone, and unpacks it at rt.to
// (AggregationEvent DELETE, unpacking): a trace follows the lots through the pallet.
func (b *builder) palletShip(rt route, items []item, t palletTimes) [4]int32 {
	p := b.newPallet(rt.from)
	var evs [4]int32
	pack := newEvent(aggregationEvent, "ADD", "packing", "container_closed", t.pack, rt.from)
	pack.pallet, pack.palletURN = p, b.r.IntN(2) == 0
	pack.what = b.quantities(items...)
	evs[0] = b.add(pack, false)
	s := newEvent(objectEvent, "OBSERVE", "shipping", "in_transit", t.ship, rt.from)
	s.leaving = true
	s.routed(rt)
	s.pallet, s.palletURN = p, b.r.IntN(2) == 0
	evs[1] = b.add(s, true)
	r := newEvent(objectEvent, "OBSERVE", "receiving", "in_progress", t.arrive, rt.to)
	r.routed(rt)
	r.pallet, r.palletURN = p, b.r.IntN(2) == 0
	evs[2] = b.add(r, false)
	un := newEvent(aggregationEvent, "DELETE", "unpacking", "in_progress", t.unpack, rt.to)
	un.pallet, un.palletURN = p, b.r.IntN(2) == 0
	un.what = b.quantities(items...)
	evs[3] = b.add(un, false)
	return evs
}

// transform consumes inputs at a processor and makes outputs, lots it creates, in one
// TransformationEvent at `at` or, when outputAt is later, in two sharing a
// transformationID: the inputs at `at`, the outputs at outputAt. A single event carries a
// transformationID when named is true.
func (b *builder) transform(proc int32, inputs, outputs []item, at, outputAt int64, named bool) (in, out int32) {
	e := newEvent(transformationEvent, "", "commissioning", "active", at, proc)
	if named || outputAt > at {
		e.xform = b.newID()
	}
	e.txs[0] = bizTx{orderTx, proc, b.r.Uint64N(1e9)}
	e.what = b.quantities(inputs...)
	if outputAt == at {
		e.outputs = b.quantities(outputs...)
		in = b.add(e, false)
		out = in
	} else {
		e.disposition = "in_progress"
		in = b.add(e, false)
		o := e
		o.at, o.disposition, o.what, o.id = outputAt, "active", span{}, none
		o.outputs = b.quantities(outputs...)
		out = b.add(o, false)
	}
	for _, it := range outputs {
		b.lots[it.lot].created = out
	}
	return in, out
}

// use ends the journey of an amount of a lot: a retailer sells it (retail_selling,
// retail_sold); a restaurant or canteen cooks and serves it (dispensing, dispensed).
func (b *builder) use(place int32, it item, at int64) int32 {
	step, disposition := "dispensing", "dispensed"
	if b.ch.parties[place].Kind == Retailer {
		step, disposition = "retail_selling", "retail_sold"
	}
	e := newEvent(objectEvent, "OBSERVE", step, disposition, at, place)
	e.what = b.quantities(it)
	return b.add(e, false)
}
