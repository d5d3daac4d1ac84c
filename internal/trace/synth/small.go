package synth

import (
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// The businesses of the small chain, by their index in it.
const (
	smallF1 int32 = iota // farm of L1
	smallF2              // farm of L2 and L4
	smallM               // wholesale market
	smallR1              // supermarket buying L1 on a ticket
	smallP               // central kitchen making L3
	smallS               // supermarket selling L3
	smallC               // school canteen serving L3
	smallR2              // shop a shipment of L3 was wrongly recorded to
)

// smallParties are the businesses of the small chain.
func smallParties() []party {
	list := []struct {
		kind     Kind
		name     string
		district int
		goods    []goods
	}{
		{Farm, "绿源蔬菜专业合作社", 9, []goods{{"菠菜", 0}}},
		{Farm, "青山家庭农场", 10, []goods{{"胡萝卜", 0}, {"小白菜", 0}}},
		{Market, "江南农产品批发市场", 3, nil},
		{Retailer, "惠民生鲜超市", 1, nil},
		{Processor, "佳味中央厨房有限公司", 4, []goods{{"什锦净菜", 500}}},
		{Retailer, "万家福超市(东城店)", 2, nil},
		{SchoolCanteen, "临江区实验小学食堂", 1, nil},
		{Retailer, "百味便利店", 5, nil},
	}
	out := make([]party, len(list))
	for i, p := range list {
		out[i] = party{Business: Business{USCC: uscc(usccKind(p.kind, p.name), p.district, i), Name: p.name, Kind: p.kind, District: p.district}}
		out[i].location = out[i].Location()
		if p.goods != nil {
			out[i].gcp = companyPrefix(i)
			for j, g := range p.goods {
				out[i].products = append(out[i].products, newProduct(g, out[i].gcp, 101+j))
			}
		}
	}
	return out
}

// smallDay is a time in the first days of December 2025, China time.
func smallDay(day, hour, minute int) int64 {
	return time.Date(2025, 12, day, hour, minute, 0, 0, calendar.China).UnixMilli()
}

// kg and packs are amounts in thousandths.
func kg(n int64) int64    { return n * 1000 }
func packs(n int64) int64 { return n * 1000 }

// smallEvents are the events of the small chain that the expected sets name.
type smallEvents struct {
	harvestL1, shipL1, arriveL1, ticketR1, receiveR1, sellR1, ticketP, receiveP int32
	harvestL2, shipL2, receiveL2                                                int32
	makeIn, makeOut                                                             int32
	shipS, receiveS, sellS                                                      int32
	pallet                                                                      [4]int32
	serveC                                                                      int32
	lots                                                                        [3]int32 // L1, L2, L3
}

// script writes the small chain into b; doc.go tells the story.
func (s *smallEvents) script(b *builder) {
	item1 := func(l int32, milli int64) []item { return []item{{l, milli}} }
	f1, f2 := &b.ch.parties[smallF1].products[0], &b.ch.parties[smallF2].products
	var l1, l2 int32

	l1, s.harvestL1 = b.harvest(smallF1, f1, kg(1000), smallDay(1, 6, 0))
	toMarket := route{from: smallF1, to: smallM, owner: smallF1, buyer: smallM, possessing: true, cert: 20251201001}
	s.shipL1, s.arriveL1 = b.ship(toMarket, item1(l1, kg(1000)), nil, smallDay(1, 8, 0), smallDay(1, 10, 0))
	ticket := func(to int32, n uint64) route {
		return route{from: smallM, to: to, owner: smallF1, buyer: to, tx: bizTx{ticketTx, smallM, n}}
	}
	s.ticketR1, s.receiveR1 = b.ship(ticket(smallR1, 1201001), item1(l1, kg(300)), nil, smallDay(1, 11, 0), smallDay(1, 12, 30))
	s.sellR1 = b.use(smallR1, item{l1, kg(280)}, smallDay(2, 18, 0))
	s.ticketP, s.receiveP = b.ship(ticket(smallP, 1201002), item1(l1, kg(600)), nil, smallDay(1, 11, 30), smallDay(1, 13, 0))

	l2, s.harvestL2 = b.harvest(smallF2, &(*f2)[0], kg(500), smallDay(1, 7, 0))
	s.shipL2, s.receiveL2 = b.ship(b.direct(smallF2, smallP), item1(l2, kg(500)), item1(l2, kg(480)), smallDay(1, 9, 0), smallDay(1, 14, 0))

	l3 := b.newLot(&b.ch.parties[smallP].products[0], smallDay(2, 10, 0), 'P')
	s.makeIn, s.makeOut = b.transform(smallP, []item{{l1, kg(600)}, {l2, kg(400)}}, item1(l3, packs(1800)), smallDay(2, 8, 0), smallDay(2, 10, 0), true)

	b.forced = &mistake{wrongPlace: smallR2}
	s.shipS, s.receiveS = b.ship(b.direct(smallP, smallS), item1(l3, packs(1000)), nil, smallDay(2, 14, 0), smallDay(2, 16, 0))
	s.sellS = b.use(smallS, item{l3, packs(900)}, smallDay(3, 20, 0))
	s.pallet = b.palletShip(b.direct(smallP, smallC), item1(l3, packs(600)),
		palletTimes{smallDay(2, 15, 0), smallDay(2, 15, 30), smallDay(2, 16, 30), smallDay(2, 16, 40)})
	s.serveC = b.use(smallC, item{l3, packs(600)}, smallDay(3, 11, 30))

	l4, _ := b.harvest(smallF2, &(*f2)[1], kg(200), smallDay(1, 6, 30))
	b.ship(route{from: smallF2, to: smallM, owner: smallF2, buyer: smallM, possessing: true}, item1(l4, kg(200)), nil, smallDay(1, 8, 30), smallDay(1, 10, 30))
	b.ship(route{from: smallM, to: smallR1, owner: smallF2, buyer: smallR1, tx: bizTx{ticketTx, smallM, 1201003}}, item1(l4, kg(150)), nil, smallDay(1, 11, 15), smallDay(1, 12, 30))
	b.use(smallR1, item{l4, kg(140)}, smallDay(2, 18, 0))
	s.lots = [3]int32{l1, l2, l3}
}
