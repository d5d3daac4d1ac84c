package synth

// The planner's draws: businesses, delays and amounts.

// buyerMix is a weighted choice of kinds of buyer.
type buyerMix []struct {
	kind   Kind
	weight int
}

// maxShares is the most parts goods are split into at once.
const maxShares = 8

// pick draws a business of kind k.
func (b *builder) pick(k Kind) int32 {
	pool := b.ch.byKind[k]
	return pool[b.r.IntN(len(pool))]
}

// pickBuyer draws a kind from mix by weight, then a business of that kind.
func (b *builder) pickBuyer(mix buyerMix) int32 {
	total := 0
	for _, m := range mix {
		total += m.weight
	}
	n := b.r.IntN(total)
	for _, m := range mix {
		if n < m.weight {
			return b.pick(m.kind)
		}
		n -= m.weight
	}
	panic("synth: unreachable")
}

// between draws a whole number in [lo, hi].
func (b *builder) between(lo, hi int64) int64 { return lo + b.r.Int64N(hi-lo+1) }

// transit draws how long goods are on the road in the city: 40 minutes to six hours.
func (b *builder) transit() int64 { return b.between(minutes(40), hours(6)) }

// palletTimes draws the times of a pallet's journey packed at `at`.
func (b *builder) palletTimes(at int64) palletTimes {
	t := palletTimes{pack: at, ship: at + b.between(minutes(20), minutes(90))}
	t.arrive = t.ship + b.transit()
	t.unpack = t.arrive + b.between(minutes(10), minutes(60))
	return t
}

// nextSerial numbers a ticket uniquely in the chain: the flow, then a count in the flow.
func (b *builder) nextSerial() uint64 {
	b.serials++
	return b.flow*256 + b.serials
}

// grain is the step amounts of a lot are counted in, in thousandths of its unit: 100 g
// of a weighed lot, one pack of a counted one.
func (b *builder) grain(l int32) int64 {
	if b.lots[l].product.packGrams > 0 {
		return 1000
	}
	return 100
}

// portion draws a share between lo and hi of an amount of lot l, rounded down to its
// grain.
func (b *builder) portion(l int32, milli int64, lo, hi float64) int64 {
	g := b.grain(l)
	return int64(float64(milli)*(lo+(hi-lo)*b.r.Float64())) / g * g
}

// shares splits total of lot l into n parts at random (n at most maxShares), rounded down
// to its grain, so that they add up to no more than total.
func (b *builder) shares(l int32, total int64, n int) [maxShares]int64 {
	var w [maxShares]int64
	var sum int64
	for i := range n {
		w[i] = 1 + b.r.Int64N(4)
		sum += w[i]
	}
	g := b.grain(l)
	for i := range n {
		w[i] = total * w[i] / sum / g * g
	}
	return w
}

// shortfall draws what arrives of items sent: all of it (nil) but one time in twelve,
// when a little was lost or damaged on the way.
func (b *builder) shortfall(sent []item) []item {
	if b.r.IntN(12) != 0 {
		return nil
	}
	got := make([]item, len(sent))
	for i, it := range sent {
		got[i] = item{it.lot, max(b.portion(it.lot, it.milli, 0.96, 0.995), b.grain(it.lot))}
	}
	return got
}

// amountOf returns the first amount of event ev.
func (b *builder) amountOf(ev int32) int64 { return b.qs[b.events[ev].what.from].milli }
