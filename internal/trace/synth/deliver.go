package synth

// Buyers by kind, with weights: who buys at a market, who takes a processor's lots, who
// a distributor delivers to.
var (
	marketBuyers = buyerMix{{Distributor, 20}, {Retailer, 35}, {Restaurant, 20}, {SchoolCanteen, 12}, {CompanyCanteen, 13}}
	madeBuyers   = buyerMix{{Distributor, 20}, {Retailer, 30}, {Restaurant, 15}, {SchoolCanteen, 20}, {CompanyCanteen, 15}}
	endBuyers    = buyerMix{{Retailer, 40}, {Restaurant, 25}, {SchoolCanteen, 20}, {CompanyCanteen, 15}}
)

// outputsOf makes the lots a processor turns inputs into: one or two of its products,
// 60 to 90 % of the input weight, weighed or counted in packs.
func (b *builder) outputsOf(proc int32, inputs []item, at int64) []item {
	var grams int64
	for _, in := range inputs {
		grams += in.milli
	}
	ps := b.ch.parties[proc].products
	n := min(1+b.r.IntN(2), len(ps))
	first := b.r.IntN(len(ps))
	made := int64(float64(grams) * (0.6 + 0.3*b.r.Float64()))
	out := make([]item, 0, n)
	for i := range n {
		p := &ps[(first+i)%len(ps)]
		share := made / int64(n)
		milli := share / 100 * 100
		if p.packGrams > 0 {
			milli = share / p.packGrams * 1000
		}
		out = append(out, item{b.newLot(p, at, 'P'), milli})
	}
	return out
}

// deliverMade delivers a processor's new lots to two to eight buyers.
func (b *builder) deliverMade(proc int32, outputs span, at int64) {
	b.deliver(proc, outputs, at, 2+b.r.IntN(7), madeBuyers, 15)
}

// onward follows goods that arrived at place: a distributor delivers them to one to four
// shops and kitchens, anyone else uses them.
func (b *builder) onward(place int32, what span, at int64) {
	if b.ch.parties[place].Kind == Distributor {
		b.deliver(place, what, at, 1+b.r.IntN(4), endBuyers, 25)
		return
	}
	b.useAll(place, what, at)
}

// deliver splits the goods in what among k buyers drawn from mix and takes each part
// there: on a pallet to a distributor, and at palletPct % to anyone else, otherwise
// loose with a despatch advice; each part then goes onward.
func (b *builder) deliver(from int32, what span, at int64, k int, mix buyerMix, palletPct int) {
	parts := make([][maxShares]int64, what.to-what.from)
	for i := range parts {
		q := b.qs[what.from+int32(i)]
		parts[i] = b.shares(q.lot, b.portion(q.lot, q.milli, 0.9, 1), k)
	}
	for j := range k {
		var items []item
		for i := range parts {
			if amount := parts[i][j]; amount > 0 {
				items = append(items, item{b.qs[what.from+int32(i)].lot, amount})
			}
		}
		if len(items) == 0 {
			continue
		}
		to := b.pickBuyer(mix)
		rt := b.direct(from, to)
		t := at + b.between(hours(1), hours(20))
		if b.ch.parties[to].Kind == Distributor || b.r.IntN(100) < palletPct {
			pt := b.palletTimes(t)
			evs := b.palletShip(rt, items, pt)
			b.onward(to, b.events[evs[3]].what, pt.unpack)
			continue
		}
		_, recv := b.ship(rt, items, b.shortfall(items), t, t+b.transit())
		b.onward(to, b.events[recv].what, b.events[recv].at)
	}
}

// useAll sells or serves what arrived: some of each lot the next day and, one time in
// three, more the day after, leaving a little unsold.
func (b *builder) useAll(place int32, what span, at int64) {
	for i := what.from; i < what.to; i++ {
		q := b.qs[i]
		t := at + b.between(hours(1), hours(20))
		left := q.milli
		if b.r.IntN(3) == 0 {
			if part := b.portion(q.lot, left, 0.4, 0.7); part > 0 {
				b.use(place, item{q.lot, part}, t)
				left -= part
				t += b.between(hours(20), hours(28))
			}
		}
		if part := b.portion(q.lot, left, 0.7, 1); part > 0 {
			b.use(place, item{q.lot, part}, t)
		}
	}
}
