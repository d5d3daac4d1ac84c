package graph

import "github.com/shejian/shejian/internal/epcis"

// The hand-built chains of the trace and recall tests. Rows are numbered in the order
// written; the hour of 1 May 2025 is the second argument.

// threeBusinesses: farm → wholesale market → shop and a canteen that captures nothing; lot
// B shares the market.
func threeBusinesses() []Event {
	farm, market, shop := site("farm"), site("market"), site("shop")
	return []Event{
		commission(1, 1, farm, kg("A", 100)),
		ship(2, 2, farm, market, kg("A", 100)),
		receive(3, 3, market, farm, kg("A", 100)),
		ship(4, 4, market, shop, kg("A", 40)),
		receive(5, 5, shop, market, kg("A", 40)),
		ship(6, 6, market, site("canteen"), kg("A", 60)),
		commission(7, 1, site("farm2"), kg("B", 10)),
		ship(8, 2, site("farm2"), market, kg("B", 10)),
		receive(9, 3, market, site("farm2"), kg("B", 10)),
	}
}

// twoIntoOne: lots A and B become lot C, which goes to a shop; the rest of A goes on
// elsewhere after the transformation.
func twoIntoOne() []Event {
	plant := site("plant")
	return []Event{
		receive(1, 1, plant, site("farm1"), kg("A", 60)),
		receive(2, 2, plant, site("farm2"), kg("B", 30)),
		transform(3, 3, plant, "", []epcis.Object{kg("A", 50), kg("B", 30)}, []epcis.Object{kg("C", 70)}),
		ship(4, 4, plant, site("shop"), kg("C", 70)),
		ship(5, 5, plant, site("other"), kg("A", 10)),
		ship(6, 0, site("farm1"), plant, kg("A", 60)),
	}
}

// splitTransformation: one transformation reported in three events sharing a
// transformationID: inputs A and B, later the output C, later still an input D received
// after C was made.
func splitTransformation() []Event {
	plant, xid := site("plant"), "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"
	return []Event{
		receive(1, 1, plant, site("farm1"), kg("A", 50)),
		receive(2, 1, plant, site("farm2"), kg("B", 30)),
		transform(3, 2, plant, xid, []epcis.Object{kg("A", 50), kg("B", 30)}, nil),
		transform(4, 4, plant, xid, nil, []epcis.Object{kg("C", 70)}),
		ship(5, 5, plant, site("shop"), kg("C", 70)),
		receive(6, 6, plant, site("farm3"), kg("D", 20)),
		transform(7, 7, plant, xid, []epcis.Object{kg("D", 20)}, nil),
	}
}

// supplied: lot A goes from a farm through a market, part to a shop and part to a plant in
// two shipments told apart by their despatch advice, the second received after the plant
// made lot C of the first and of lots B, D and E: B received from a farm that shipped
// nothing, D received from no named place, E shipped to the plant, which recorded no
// receiving, by a place that recorded nothing else. Row 16 receives A from a wrong place.
func supplied() []Event {
	farm, market, plant := site("farm"), site("market"), site("plant")
	fromNowhere := receive(13, 7, plant, "", kg("D", 5))
	fromNowhere.Sources = nil
	return []Event{
		commission(1, 1, farm, kg("A", 100)),
		tx(ship(2, 2, farm, market, kg("A", 100)), "1"),
		tx(receive(3, 3, market, farm, kg("A", 100)), "1"),
		tx(ship(4, 4, market, site("shop"), kg("A", 30)), "2"),
		tx(receive(5, 5, site("shop"), market, kg("A", 30)), "2"),
		tx(ship(6, 4, market, plant, kg("A", 60)), "3"),
		tx(ship(7, 5, market, plant, kg("A", 10)), "4"),
		tx(receive(8, 6, plant, market, kg("A", 60)), "3"),
		transform(9, 8, plant, "", []epcis.Object{kg("A", 60), kg("B", 20), kg("D", 5), kg("E", 5)}, []epcis.Object{kg("C", 90)}),
		tx(receive(10, 9, plant, market, kg("A", 10)), "4"),
		receive(11, 7, plant, site("farm2"), kg("B", 20)),
		commission(12, 0, site("farm2"), kg("B", 50)),
		fromNowhere,
		commission(14, 1, site("farm3"), kg("D", 5)),
		ship(15, 6, site("dc"), plant, kg("E", 5)),
		receive(16, 7, plant, site("wrong"), kg("A", 60)),
	}
}

// unpackedInto: the lot L of palletised, taken off the pallet at the shop, becomes lot M
// there.
func unpackedInto() []Event {
	return append(palletised(), transform(13, 6, site("shop"), "", []epcis.Object{kg("L", 50)}, []epcis.Object{kg("M", 50)}))
}

// palletised: lots L and K packed on pallet P, which had moved empty before; P shipped to a
// shop and received; L taken off, then everything; L sold; P reused for lot Z.
func palletised() []Event {
	dc, shop, p := site("dc"), site("shop"), pallet("P")
	return []Event{
		receive(1, 1, dc, site("plant"), kg("L", 100)),
		commission(2, 0, site("depot"), one(p)),
		ship(3, 1, site("depot"), dc, one(p)),
		aggregate(4, 2, "ADD", dc, p, kg("L", 100), kg("K", 20)),
		ship(5, 3, dc, shop, one(p)),
		receive(6, 4, shop, dc, one(p)),
		aggregate(7, 5, "DELETE", shop, p, kg("L", 100)),
		aggregate(8, 6, "DELETE", shop, p),
		sell(9, 6, shop, kg("L", 2)),
		aggregate(10, 7, "ADD", shop, p, kg("Z", 5)),
		ship(11, 8, shop, site("shop2"), one(p)),
		receive(12, 0, dc, site("farmK"), kg("K", 20)),
	}
}

// corrected: lot A's shipment to the wrong market is declared erroneous (rows 2 and 4 are
// retracted) and a corrective shipment follows.
func corrected() []Event {
	farm := site("farm")
	return []Event{
		commission(1, 1, farm, kg("A", 100)),
		ship(2, 2, farm, site("wrong"), kg("A", 100)),
		ship(3, 3, farm, site("market"), kg("A", 100)),
		transform(4, 4, site("wrong"), "", []epcis.Object{kg("A", 100)}, []epcis.Object{kg("W", 90)}),
	}
}

// retail: item I is sold to a consumer, then shows up again; lot L is partly sold and the
// rest shipped on.
func retail() []Event {
	plant, shop, i := site("plant"), site("shop"), sgtin("I")
	return []Event{
		commission(1, 1, plant, one(i)),
		ship(2, 2, plant, shop, one(i)),
		receive(3, 3, shop, plant, one(i)),
		sell(4, 4, shop, one(i)),
		observe(5, 5, "inspecting", site("elsewhere"), one(i)),
		aggregate(6, 6, "ADD", site("elsewhere"), pallet("Q"), one(i)),
		commission(7, 1, plant, kg("L", 100)),
		sell(8, 2, plant, kg("L", 1)),
		ship(9, 3, plant, site("shop2"), kg("L", 50)),
	}
}

// cycle: A becomes B which becomes A again; pallets P and Q are packed into each other; A
// is packed on P.
func cycle() []Event {
	plant, p, q := site("plant"), pallet("P"), pallet("Q")
	return []Event{
		transform(1, 1, plant, "", []epcis.Object{kg("A", 10)}, []epcis.Object{kg("B", 10)}),
		transform(2, 2, plant, "", []epcis.Object{kg("B", 10)}, []epcis.Object{kg("A", 10)}),
		aggregate(3, 3, "ADD", plant, p, one(q)),
		aggregate(4, 4, "ADD", plant, q, one(p)),
		aggregate(5, 5, "ADD", plant, p, kg("A", 10)),
	}
}

// associated: a temperature logger is associated with lot A, then logs on its own.
func associated() []Event {
	plant, logger := site("plant"), "https://id.gs1.org/8004/0690123400001"
	assoc := aggregate(2, 2, "ADD", plant, logger, kg("A", 10))
	assoc.Type = "AssociationEvent"
	return []Event{
		commission(1, 1, plant, kg("A", 10)),
		assoc,
		observe(3, 3, "sensor_reporting", site("truck"), one(logger)),
	}
}

// crate: a returnable crate C is inspected every hour for 200 hours; lot X rides in it from
// hour 100 to hour 101.
func crate() []Event {
	c := gs1GRAI + "C"
	var events []Event
	for h := range 200 {
		events = append(events, observe(int64(h+1), h, "inspecting", site("yard"), one(c)))
	}
	return append(events,
		aggregate(201, 100, "ADD", site("yard"), c, kg("X", 5)),
		aggregate(202, 101, "DELETE", site("yard"), c, kg("X", 5)))
}
