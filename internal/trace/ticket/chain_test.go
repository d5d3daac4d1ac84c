package ticket

import (
	"context"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
)

// TestChainLinksByLot: a farm's certificate, the market's ticket to a supermarket, the
// supermarket's purchase line for that ticket and the seller's sales line for it (both
// already recorded by the ticket) and the supermarket's sale to a restaurant are stored as
// events about one lot, with the quantities each moved, and nothing twice.
func TestChainLinksByLot(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		steps := []struct {
			name   string
			ctx    context.Context
			entry  Entry
			stored int
		}{
			{"certificate", system(), w.certificate("HG-001", "B1", 1000), 1},
			{"ticket", w.operator(market), w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 300, "公斤"), 2},
			{"purchase of the ticket", w.operator(retailer), w.line(Purchase, retailer, w.registered(farm), "2025-12-01", "T1", "B1", 300, "千克"), 0},
			{"sale of the ticket", w.operator(farm), w.line(Sale, farm, w.registered(retailer), "2025-12-01", "T1", "B1", 600, "斤"), 0},
			{"retail sale", w.operator(retailer), w.line(Sale, retailer, w.registered(kitchen), "2025-12-02", "", "B1", 560, "斤"), 1},
		}
		lot := LotPrefix + w.usccs[farm] + ":B1"
		for _, s := range steps {
			res := w.mustRecord(t, s.ctx, s.entry)
			if res.Stored != s.stored || len(res.Lots) != 1 || res.Lots[0] != lot {
				t.Errorf("%s: stored %d of lots %v, want %d of %s", s.name, res.Stored, res.Lots, s.stored, lot)
			}
		}
		if n := w.count(t, "epcis_events", "1 = 1"); n != 4 {
			t.Errorf("%d events stored, want 4", n)
		}
		want := []struct {
			step, place string
			quantity    float64
		}{
			{"commissioning", w.usccs[farm], 1000},
			{"shipping", w.usccs[farm], 300},
			{"receiving", w.usccs[retailer], 300},
			{"shipping", w.usccs[retailer], 280},
		}
		for _, e := range want {
			n := w.count(t, `epcis_event_objects o JOIN epcis_uris l ON l.id = o.uri_id JOIN epcis_events e ON e.id = o.event_row
				JOIN epcis_uris s ON s.id = e.biz_step JOIN businesses b ON b.id = e.owner_id`,
				`l.uri = $1 AND s.uri = $2 AND b.uscc = $3 AND o.quantity = $4 AND o.uom = 'KGM'`,
				lot, "https://ref.gs1.org/cbv/BizStep-"+e.step, e.place, e.quantity)
			if n != 1 {
				t.Errorf("%d %s events of %g kg of %s at %s, want 1", n, e.step, e.quantity, lot, e.place)
			}
		}
		if n := w.count(t, "epcis_event_objects o JOIN epcis_uris l ON l.id = o.uri_id", "l.uri <> $1", lot); n != 0 {
			t.Errorf("%d objects of another identifier, want every event about %s", n, lot)
		}
	})
}

// TestRepeatStoresNothing: a ticket entered again, by anyone, stores nothing new; entered
// with another quantity it is refused, naming the quantity recorded. A ledger line without
// ticket entered twice is one event too.
func TestRepeatStoresNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.mustRecord(t, system(), w.certificate("HG-001", "B1", 1000))
		first := w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 300, "公斤")
		w.mustRecord(t, w.operator(farm), first)
		again := w.mustRecord(t, w.operator(market), first)
		if again.Stored != 0 || again.Events != 2 {
			t.Errorf("again: stored %d of %d events, want 0 of 2", again.Stored, again.Events)
		}
		other := w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 400, "公斤")
		res, err := w.rec.Record(w.operator(market), []Entry{other})
		if err != nil || len(res.Problems) != 1 || res.Problems[0].Field != "quantity" || res.Problems[0].Rule != "recorded_differently" ||
			res.Problems[0].Params["recorded"] != "300 KGM" {
			t.Errorf("other quantity: %v %+v", err, res.Problems)
		}
		sale := w.line(Sale, retailer, w.registered(kitchen), "2025-12-02", "", "B1", 300, "公斤")
		w.mustRecord(t, w.operator(retailer), w.line(Purchase, retailer, w.registered(farm), "2025-12-01", "T1", "B1", 300, "公斤"))
		for range 2 { // without ticket or voucher, the same line is the same event: it takes the lot once
			w.mustRecord(t, w.operator(retailer), sale)
		}
		if n := w.count(t, "epcis_events", "1 = 1"); n != 4 {
			t.Errorf("%d events, want the certificate's, the ticket's 2 and the sale's", n)
		}
	})
}

// TestPartnerEventsCount: a GS1 partner's event captured through the EPCIS interface, its
// lot an LGTIN URN, is the same lot as a ticket's GTIN and batch: what it delivered to the
// stall is what the stall may sell on tickets, and no more.
func TestPartnerEventsCount(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		doc := `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
			"schemaVersion": "2.0", "creationDate": "2025-12-01T08:00:00Z", "epcisBody": {"eventList": [{"type": "ObjectEvent",
			"eventTime": "2025-12-01T06:00:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
			"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.056789.L1", "quantity": 40, "uom": "KGM"}],
			"bizStep": "receiving", "disposition": "in_progress", "readPoint": {"id": "urn:shejian:uscc:` + w.usccs[stall] + `"},
			"bizLocation": {"id": "urn:shejian:uscc:` + w.usccs[stall] + `"}}]}}`
		if _, err := trace.NewStore(st).Capture(context.Background(), []byte(doc), trace.Capturer{Scope: access.Everywhere}); err != nil {
			t.Fatal(err)
		}
		sale := func(number string, kg float64) Entry {
			e := w.ticket(number, w.registered(stall), w.registered(kitchen), "L1", kg, "公斤")
			e.Ticket.GTIN = "6901234567892"
			return e
		}
		res := w.mustRecord(t, w.operator(market), sale("T1", 30))
		if want := "https://id.gs1.org/01/06901234567892/10/L1"; len(res.Lots) != 1 || res.Lots[0] != want {
			t.Errorf("lots %v, want %s", res.Lots, want)
		}
		res, err := w.rec.Record(w.operator(market), []Entry{sale("T2", 10.5)})
		if err != nil || len(res.Problems) != 1 || res.Problems[0].Params["has"] != "10 kg" {
			t.Errorf("second sale: %v %+v, want refused with 10 kg left", err, res.Problems)
		}
	})
}
