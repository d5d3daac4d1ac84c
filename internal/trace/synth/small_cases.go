package synth

import (
	"bytes"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// smallPerDoc is how many events each document of the small chain holds, so that the
// chain spans several documents as captured data does.
const smallPerDoc = 10

// SmallChain returns the small chain the package doc tells of, in documents, with the
// backward and forward traces and the recall scope of its lots L1, L2 and L3 worked out
// by hand. Its error is a bug of this package.
func SmallChain() (Fixture, error) {
	c := &Chain{cfg: Config{Seed: 2025, ErrorRate: -1}.withDefaults(), parties: smallParties()}
	c.index()
	b := newBuilder(c)
	b.reset(0, false)
	var s smallEvents
	s.script(b)

	fx := Fixture{Businesses: c.Businesses(), Now: c.cfg.End}
	w := docWriter{perDoc: smallPerDoc, end: c.cfg.End.UnixMilli(), yield: func(doc []byte) error {
		fx.Documents = append(fx.Documents, bytes.Clone(doc))
		return nil
	}}
	for i := range b.events {
		if err := w.add(b, &b.events[i]); err != nil {
			return Fixture{}, err
		}
	}
	if err := w.flush(); err != nil {
		return Fixture{}, err
	}
	ids, err := fixtureRefs(b, fx.Documents)
	if err != nil {
		return Fixture{}, err
	}
	fx.Cases = s.cases(b, ids)
	fx.Withdrawn = []EventRef{{ids[s.shipS-1], "the central kitchen ships L3, 1000 packs, to 百味便利店 (recorded wrongly, withdrawn)"}}
	return fx, nil
}

// cases are the expected traces and scopes of L1, L2 and L3; doc.go says why.
func (s *smallEvents) cases(b *builder, ids []string) []TraceCase {
	ref := func(ev int32, what string) EventRef { return EventRef{ids[ev], what} }
	lot := func(i int) string { return string(b.appendLot(nil, s.lots[i], false)) }
	reach := func(p int32, l int, milli int64, ev int32) Reach {
		r := Reach{Business: b.ch.parties[p].Business, Lot: lot(l), Quantity: float64(milli) / 1000, First: time.UnixMilli(b.events[ev].at).In(calendar.China)}
		if b.lots[s.lots[l]].product.packGrams == 0 {
			r.UOM = "KGM"
		}
		return r
	}
	harvestL1 := ref(s.harvestL1, "绿源蔬菜专业合作社 harvests L1, 1000 kg of 菠菜")
	harvestL2 := ref(s.harvestL2, "青山家庭农场 harvests L2, 500 kg of 胡萝卜")
	upstreamL1 := []EventRef{
		ref(s.shipL1, "绿源 ships L1, 1000 kg, to the market with its 合格证"),
		ref(s.arriveL1, "the market receives L1, 1000 kg"),
		ref(s.ticketP, "ticket 1201002: the market ships L1, 600 kg, to the central kitchen"),
		ref(s.receiveP, "the central kitchen receives L1, 600 kg"),
	}
	upstreamL2 := []EventRef{
		ref(s.shipL2, "青山 ships L2, 500 kg, to the central kitchen"),
		ref(s.receiveL2, "the central kitchen receives L2, 480 kg of the 500"),
	}
	makeL3 := []EventRef{
		ref(s.makeIn, "the central kitchen takes L1, 600 kg, and L2, 400 kg (transformation inputs)"),
		ref(s.makeOut, "the central kitchen makes L3, 1800 packs of 什锦净菜 (transformation outputs)"),
	}
	downstreamL3 := []EventRef{
		ref(s.shipS, "the central kitchen ships L3, 1000 packs, to 万家福超市 (corrective event)"),
		ref(s.receiveS, "万家福超市 receives L3, 1000 packs"),
		ref(s.sellS, "万家福超市 sells L3, 900 packs"),
		ref(s.pallet[0], "the central kitchen packs L3, 600 packs, on a pallet"),
		ref(s.pallet[1], "the central kitchen ships the pallet to the school canteen"),
		ref(s.pallet[2], "the school canteen receives the pallet"),
		ref(s.pallet[3], "the school canteen unpacks L3, 600 packs"),
		ref(s.serveC, "the school canteen serves L3, 600 packs"),
	}
	toR1 := []EventRef{
		ref(s.ticketR1, "ticket 1201001: the market ships L1, 300 kg, to 惠民生鲜超市"),
		ref(s.receiveR1, "惠民生鲜超市 receives L1, 300 kg"),
		ref(s.sellR1, "惠民生鲜超市 sells L1, 280 kg"),
	}
	reachL3 := []Reach{
		reach(smallP, 2, packs(1800), s.makeOut),
		reach(smallS, 2, packs(1000), s.receiveS),
		reach(smallC, 2, packs(600), s.pallet[2]),
	}
	return []TraceCase{
		{
			Name: "L1", Lot: lot(0),
			Backward: []EventRef{harvestL1},
			Forward:  slices.Concat([]EventRef{harvestL1}, upstreamL1, toR1, makeL3, downstreamL3),
			Recall: append([]Reach{
				reach(smallF1, 0, kg(1000), s.harvestL1),
				reach(smallM, 0, kg(1000), s.arriveL1),
				reach(smallR1, 0, kg(300), s.receiveR1),
				reach(smallP, 0, kg(600), s.receiveP),
			}, reachL3...),
		},
		{
			Name: "L2", Lot: lot(1),
			Backward: []EventRef{harvestL2},
			Forward:  slices.Concat([]EventRef{harvestL2}, upstreamL2, makeL3, downstreamL3),
			Recall: append([]Reach{
				reach(smallF2, 1, kg(500), s.harvestL2),
				reach(smallP, 1, kg(480), s.receiveL2),
			}, reachL3...),
		},
		{
			Name: "L3", Lot: lot(2),
			Backward: slices.Concat(makeL3, []EventRef{harvestL1}, upstreamL1, []EventRef{harvestL2}, upstreamL2),
			Forward:  slices.Concat(makeL3, downstreamL3),
			Recall:   reachL3,
		},
	}
}
