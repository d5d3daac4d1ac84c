package graph

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// chainGen writes a deterministic multi-tier food supply chain, block after block: four
// farm lots go through a wholesale market (part of each sold on to a shop) and a
// distributor to a processor, which turns them, with a lot of the block before, into two
// product lots; one goes on pallets to three shops and is sold, the other to a central
// kitchen, which every third block cooks three of them into a meal lot for three school
// canteens. About 65 events and 10 identifiers a block, spread over 12,000 places.
type chainGen struct {
	rng     *rand.Rand
	emit    func(Event)
	row     int64
	block   int
	base    time.Time
	prev    string   // a farm lot of the block before, shared with this block's processor
	kitchen []string // product lots waiting at the central kitchen
	// Lots sampled for queries: farm lots to trace forward, meal and product lots back.
	farmLots, endLots []string
}

const (
	genFarms, genMarkets, genDistributors = 2000, 20, 60
	genProcessors, genShops, genCanteens  = 300, 8000, 1500
	genKitchens                           = 50
	genSampleEvery                        = 97 // blocks between sampled lots
)

func newChainGen(seed uint64, emit func(Event)) *chainGen {
	return &chainGen{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), emit: emit,
		base: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// generate emits blocks until at least n events are out.
func (g *chainGen) generate(n int64) {
	for g.row < n {
		g.nextBlock()
	}
}

func (g *chainGen) nextBlock() {
	g.block++
	proc := g.place("processor", genProcessors)
	var inputs []epcis.Object
	for i := range 4 {
		f := g.farmLot(i, proc)
		inputs = append(inputs, kg(f, 250))
		if i == 0 && g.block%genSampleEvery == 0 {
			g.farmLots = append(g.farmLots, lot(f))
		}
	}
	if g.prev != "" {
		inputs = append(inputs, kg(g.prev, 100))
	}
	g.prev = fmt.Sprintf("F%d-3", g.block)
	retailLot, kitchenLot := fmt.Sprintf("O%d-1", g.block), fmt.Sprintf("O%d-2", g.block)
	g.transformation(20, proc, inputs, []epcis.Object{kg(retailLot, 600), kg(kitchenLot, 500)})
	for i := range 3 {
		g.palletToShop(proc, retailLot, i)
	}
	g.toKitchen(proc, kitchenLot)
	if g.block%genSampleEvery == 0 {
		g.endLots = append(g.endLots, lot(retailLot))
	}
}

// farmLot sends farm lot i of the block from a farm through a market (which sells part of
// it to a shop) and a distributor to the processor, in 11 events.
func (g *chainGen) farmLot(i int, proc string) string {
	name := fmt.Sprintf("F%d-%d", g.block, i)
	farm, market := g.place("farm", genFarms), g.place("market", genMarkets)
	dist, shop := g.place("distributor", genDistributors), g.place("shop", genShops)
	g.add(commission(0, 0, farm, kg(name, 1000)), 0)
	g.hop(farm, market, kg(name, 1000), 1)
	g.hop(market, shop, kg(name, 200), 3)
	g.add(sell(0, 0, shop, kg(name, 5)), 5)
	g.add(sell(0, 0, shop, kg(name, 7)), 6)
	g.hop(market, dist, kg(name, 800), 7)
	g.hop(dist, proc, kg(name, 800), 9)
	return name
}

// transformation turns inputs into outputs at minute m; every other block reports it as two
// events sharing a transformationID.
func (g *chainGen) transformation(m int, where string, inputs, outputs []epcis.Object) {
	if g.block%2 == 0 {
		g.add(transform(0, 0, where, "", inputs, outputs), m)
		return
	}
	xid := fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", g.block)
	g.add(transform(0, 0, where, xid, inputs, nil), m)
	g.add(transform(0, 0, where, xid, nil, outputs), m+1)
}

// palletToShop packs 200 kg of the lot on a pallet, ships it to a shop, unpacks and sells.
func (g *chainGen) palletToShop(proc, name string, i int) {
	p, shop := pallet(fmt.Sprintf("%d%d", g.block, i)), g.place("shop", genShops)
	g.add(aggregate(0, 0, "ADD", proc, p, kg(name, 200)), 30)
	g.hop(proc, shop, one(p), 31)
	g.add(aggregate(0, 0, "DELETE", shop, p), 33)
	g.add(sell(0, 0, shop, kg(name, 3)), 34)
}

// toKitchen ships the lot to the central kitchen; every third lot there is cooked with the
// two before into a meal lot for three school canteens.
func (g *chainGen) toKitchen(proc, name string) {
	kitchen := site(fmt.Sprintf("kitchen-%d", (g.block-1)/3%genKitchens))
	g.hop(proc, kitchen, kg(name, 500), 30)
	g.kitchen = append(g.kitchen, name)
	if len(g.kitchen) < 3 {
		return
	}
	var inputs []epcis.Object
	for _, k := range g.kitchen {
		inputs = append(inputs, kg(k, 500))
	}
	g.kitchen = g.kitchen[:0]
	meal := fmt.Sprintf("M%d", g.block)
	g.add(transform(0, 0, kitchen, "", inputs, []epcis.Object{kg(meal, 1400)}), 40)
	for range 3 {
		g.hop(kitchen, g.place("canteen", genCanteens), kg(meal, 400), 41)
	}
	if g.block%genSampleEvery == 0 {
		g.endLots = append(g.endLots, lot(meal))
	}
}

// hop ships obj from one place to another at minute m and receives it a minute later,
// both under one despatch advice.
func (g *chainGen) hop(from, to string, obj epcis.Object, m int) {
	advice := fmt.Sprint(g.row + 1)
	g.add(tx(ship(0, 0, from, to, obj), advice), m)
	g.add(tx(receive(0, 0, to, from, obj), advice), m+1)
}

// add numbers the event and dates it minute m of the block (blocks are an hour apart).
func (g *chainGen) add(e Event, m int) {
	g.row++
	e.Row = g.row
	e.Time = g.base.Add(time.Duration(g.block)*time.Hour + time.Duration(m)*time.Minute)
	g.emit(e)
}

func (g *chainGen) place(kind string, n int) string {
	return site(fmt.Sprintf("%s-%d", kind, g.rng.IntN(n)))
}
