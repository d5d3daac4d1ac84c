package synth

// A flow is one web of goods: a farm lot sold at a market, or the farm lots a processor
// makes a new lot of, followed to every shop and kitchen they reach. Flows share
// businesses but no lots, so a trace stays within its flow; each draws from its own random
// stream, so planning flow f needs no other flow.

// hours and minutes are durations in the milliseconds of event times.
func hours(n int64) int64   { return n * 3_600_000 }
func minutes(n int64) int64 { return n * 60_000 }

// plan plans a flow starting at start: a market flow or a processing flow.
func (b *builder) plan(start int64) {
	if b.r.IntN(100) < 45 {
		b.marketFlow(start)
	} else {
		b.processingFlow(start)
	}
}

// marketFlow: a farm harvests a lot, brings it to a market and sells it there on tickets.
func (b *builder) marketFlow(start int64) {
	farm, market := b.pick(Farm), b.pick(Market)
	l, milli, t := b.harvestSome(farm, start)
	got, t := b.toMarket(farm, market, l, milli, t)
	b.sellAtMarket(market, farm, l, got, t, none)
}

// processingFlow: one to three farm lots reach a processor, directly, on a market ticket
// or through a distributor; the processor makes one or two new lots of them and delivers
// these to distributors, shops and kitchens.
func (b *builder) processingFlow(start int64) {
	proc := b.pick(Processor)
	var inputs []item
	ready := start
	for i := range 1 + b.r.IntN(3) {
		l, got, t := b.supply(proc, start+minutes(int64(i)*b.between(30, 120)))
		inputs = append(inputs, item{l, b.portion(l, got, 0.85, 1)})
		ready = max(ready, t)
	}
	at := ready + b.between(hours(2), hours(16))
	outputAt := at
	if b.r.IntN(5) == 0 {
		outputAt += b.between(hours(1), hours(3))
	}
	outputs := b.outputsOf(proc, inputs, outputAt)
	_, out := b.transform(proc, inputs, outputs, at, outputAt, b.r.IntN(2) == 0)
	b.deliverMade(proc, b.events[out].outputs, outputAt)
}

// supply brings a farm lot to proc and returns the lot, the amount received and when.
func (b *builder) supply(proc int32, start int64) (int32, int64, int64) {
	farm := b.pick(Farm)
	l, milli, t := b.harvestSome(farm, start)
	switch k := b.r.IntN(10); {
	case k < 4:
		at := t + b.between(minutes(30), hours(3))
		sent := []item{{l, milli}}
		_, recv := b.ship(b.direct(farm, proc), sent, b.shortfall(sent), at, at+b.transit())
		return l, b.amountOf(recv), b.events[recv].at
	case k < 8:
		market := b.pick(Market)
		got, t := b.toMarket(farm, market, l, milli, t)
		got, t = b.sellAtMarket(market, farm, l, got, t, proc)
		return l, got, t
	}
	market, dist := b.pick(Market), b.pick(Distributor)
	got, t := b.toMarket(farm, market, l, milli, t)
	got, t = b.sellAtMarket(market, farm, l, got, t, dist)
	at := t + b.between(hours(2), hours(20))
	_, recv := b.ship(b.direct(dist, proc), []item{{l, got}}, nil, at, at+b.transit())
	return l, got, b.events[recv].at
}

// harvestSome harvests 200 to 2,500 kg of one of the farm's goods within six hours of
// start.
func (b *builder) harvestSome(farm int32, start int64) (int32, int64, int64) {
	ps := b.ch.parties[farm].products
	p := &ps[b.r.IntN(len(ps))]
	milli := b.between(2000, 25000) * 100
	at := start + b.between(0, hours(6))
	l, _ := b.harvest(farm, p, milli, at)
	return l, milli, at
}

// toMarket brings a farm lot to a market: the farmer ships it with a compliance
// certificate (承诺达标合格证) most of the time, and the market, which holds but does not own
// it, receives it, sometimes with a rapid test (快检).
func (b *builder) toMarket(farm, market, l int32, milli, t int64) (int64, int64) {
	rt := route{from: farm, to: market, owner: farm, buyer: market, possessing: true}
	if b.r.IntN(10) < 7 {
		rt.cert = b.r.Uint64N(1e9) + 1
	}
	at := t + b.between(minutes(20), hours(3))
	arrive := at + b.transit()
	_, recv := b.ship(rt, []item{{l, milli}}, nil, at, arrive)
	if b.r.IntN(10) < 3 {
		b.events[recv].txs[1] = bizTx{testTx, market, b.r.Uint64N(1e9)}
	}
	return milli, arrive
}

// sellAtMarket sells most of what a farmer brought to a market on 一票通 tickets. When
// buyer is not none, the first ticket sells it the larger part, and sellAtMarket returns
// what buyer received and when; one to four other buyers' goods are followed on.
func (b *builder) sellAtMarket(market, seller, l int32, milli, t int64, buyer int32) (got, gotAt int64) {
	sell := func(to int32, amount int64) int32 {
		rt := route{from: market, to: to, owner: seller, buyer: to, tx: bizTx{ticketTx, market, b.nextSerial()}}
		at := t + b.between(minutes(30), hours(10))
		sent := []item{{l, amount}}
		_, recv := b.ship(rt, sent, b.shortfall(sent), at, at+b.transit())
		return recv
	}
	rest := milli
	if buyer != none {
		first := b.portion(l, milli, 0.5, 0.85)
		recv := sell(buyer, first)
		got, gotAt = b.amountOf(recv), b.events[recv].at
		rest -= first
	}
	n := 1 + b.r.IntN(4)
	shares := b.shares(l, b.portion(l, rest, 0.95, 1), n)
	for _, amount := range shares[:n] {
		if amount > 0 {
			to := b.pickBuyer(marketBuyers)
			recv := sell(to, amount)
			b.onward(to, b.events[recv].what, b.events[recv].at)
		}
	}
	return got, gotAt
}
