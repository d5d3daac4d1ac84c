package trace

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// lotEvent is an ObjectEvent (eventID urn:test:<id>) of quantity uom of lot with biz step
// step at place, sold on ticket when ticket is not "", declared erroneous when declaredToo.
func lotEvent(id, step, place, lot string, quantity float64, uom, ticket string, declaredToo bool) string {
	action, disposition, where := "OBSERVE", "in_progress", fmt.Sprintf(`, "bizLocation": {"id": %q}`, place)
	switch step {
	case "commissioning":
		action, disposition = "ADD", "active"
	case "shipping":
		disposition, where = "in_transit", ""
	}
	extra := ""
	if ticket != "" {
		extra = fmt.Sprintf(`, "bizTransactionList": [{"type": %q, "bizTransaction": %q}]`, TicketType, TicketPrefix+ticket)
	}
	if declaredToo {
		extra += declared
	}
	uomField := ""
	if uom != "" {
		uomField = fmt.Sprintf(`, "uom": %q`, uom)
	}
	return fmt.Sprintf(`{"eventID": "urn:test:%s", "type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00.000+08:00",
		"eventTimeZoneOffset": "+08:00", "action": %q, "bizStep": %q, "disposition": %q,
		"quantityList": [{"epcClass": %q, "quantity": %g%s}],
		"readPoint": {"id": %q}%s%s}`, id, action, step, disposition, lot, quantity, uomField, place, where, extra)
}

// lgtin is lot n of a GTIN, as an EPC URN.
func lgtin(n int) string { return fmt.Sprint("urn:epc:class:lgtin:6901234.012345.T", n) }

// TestTicketSalesCannotOversell: a 一票通 ticket sent to capture as EPCIS, not through
// package ticket, may not sell more of a lot than the seller holds at its place, with what
// earlier events of the document moved: the document is refused naming the ticket, the
// quantity and what the seller has, and stores nothing. Shipments on no ticket are not
// checked.
func TestTicketSalesCannotOversell(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		farmer := "urn:shejian:party:%E5%BC%A0%E4%B8%89:1234" // 张三, registered nowhere
		shop, site := w.place(0), w.place(0)+":stall-7"
		tests := []struct {
			name   string
			before [][]string // documents captured first
			doc    []string
			event  int    // the event refused; -1 when the document is stored
			has    string // what the seller has, when refused
		}{
			{"within what was received", [][]string{{lotEvent("r1", "receiving", shop, lgtin(1), 100, "KGM", "", false)}},
				[]string{lotEvent("s1", "shipping", shop, lgtin(1), 60, "KGM", "T-1", false)}, -1, ""},
			{"over what is left", [][]string{
				{lotEvent("r2", "receiving", shop, lgtin(2), 100, "KGM", "", false)},
				{lotEvent("s2", "shipping", shop, lgtin(2), 60, "KGM", "T-2", false)}},
				[]string{lotEvent("s3", "shipping", shop, lgtin(2), 50, "KGM", "T-3", false)}, 0, "40 kg"},
			{"at another site of the seller", [][]string{{lotEvent("r4", "receiving", shop, lgtin(3), 1, "TNE", "", false)}},
				[]string{lotEvent("s4", "shipping", site, lgtin(3), 1001, "KGM", "T-4", false)}, 0, "1000 kg"},
			{"the document's own events count", nil, []string{
				lotEvent("c5", "commissioning", shop, lgtin(4), 100, "KGM", "", false),
				lotEvent("s5", "shipping", shop, lgtin(4), 60, "KGM", "T-5", false),
				lotEvent("s6", "shipping", shop, lgtin(4), 50, "KGM", "T-6", false)}, 2, "40 kg"},
			{"a refused sale takes nothing", nil, []string{
				lotEvent("c7", "commissioning", shop, lgtin(5), 100, "KGM", "", false),
				lotEvent("s7", "shipping", shop, lgtin(5), 150, "KGM", "T-7", false),
				lotEvent("s8", "shipping", shop, lgtin(5), 90, "KGM", "T-8", false)}, 1, "100 kg"},
			{"a lot never seen", nil, []string{lotEvent("s9", "shipping", shop, lgtin(6), 1, "KGM", "T-9", false)}, 0, "0"},
			{"a receiving declared erroneous", nil, []string{
				lotEvent("r10", "receiving", shop, lgtin(7), 100, "KGM", "", false),
				lotEvent("r10", "receiving", shop, lgtin(7), 100, "KGM", "", true),
				lotEvent("s10", "shipping", shop, lgtin(7), 10, "KGM", "T-10", false)}, 2, "0"},
			{"counts apart from weights", [][]string{{lotEvent("r11", "receiving", shop, lgtin(8), 12, "", "", false)}},
				[]string{lotEvent("s11", "shipping", shop, lgtin(8), 13, "", "T-11", false)}, 0, "12 pcs"},
			{"an unregistered farmer's place", [][]string{{lotEvent("c12", "commissioning", farmer, lgtin(9), 50, "KGM", "", false)}},
				[]string{lotEvent("s12", "shipping", farmer, lgtin(9), 51, "KGM", "T-12", false)}, 0, "50 kg"},
			{"a shipment on no ticket", nil, []string{lotEvent("s13", "shipping", shop, lgtin(10), 500, "KGM", "", false)}, -1, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, events := range tt.before {
					mustCapture(t, w.events, document(events...), System)
				}
				before := count(t, st, "epcis_events", "1 = 1")
				_, err := w.events.Capture(t.Context(), document(tt.doc...), System)
				var refused *RefusedError
				switch {
				case tt.event < 0 && err != nil:
					t.Fatalf("capture: %v", err)
				case tt.event < 0:
					if n := count(t, st, "epcis_events", "1 = 1"); n != before+len(tt.doc) {
						t.Errorf("%d events stored, want %d", n-before, len(tt.doc))
					}
				case !errors.As(err, &refused):
					t.Fatalf("capture: got %v, want a refusal", err)
				default:
					p := refused.Report.Problems
					if len(p) != 1 || p[0].Rule != RuleTicketOverQuantity || p[0].Event != tt.event || p[0].Params["has"] != tt.has ||
						p[0].Pointer != fmt.Sprintf("/epcisBody/eventList/%d/quantityList", tt.event) {
						t.Fatalf("problems %+v, want %s at event %d with %s left", p, RuleTicketOverQuantity, tt.event, tt.has)
					}
					if n := count(t, st, "epcis_events", "1 = 1"); n != before {
						t.Errorf("%d events stored by a refused document", n-before)
					}
				}
			})
		}
	})
}

// TestTicketOversellPostedToCapture: a ticket shaped as package ticket writes one — the
// sale at the seller's place, the ticket as business transaction, seller and buyer as
// parties — posted straight to POST /epcis/capture is refused when it sells more than the
// seller received, with the problem report naming the rule and what is left, and nothing
// stored; within what is left it is taken.
func TestTicketOversellPostedToCapture(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		router := web.NewRouter(nil)
		NewHandler(w.events).Routes(router)
		seller, buyer, lot := w.place(0), w.place(1), "urn:shejian:lot:"+w.usccs[0]+":B1"
		ticket := func(number string, kg float64) []byte {
			return []byte(fmt.Sprintf(`{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"sj": "urn:shejian:epcis:"}],
				"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z", "epcisBody": {"eventList": [
				{"type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
				"quantityList": [{"epcClass": %[1]q, "quantity": %[2]g, "uom": "KGM"}],
				"bizStep": "shipping", "disposition": "in_transit", "readPoint": {"id": %[3]q},
				"bizTransactionList": [{"type": %[4]q, "bizTransaction": %[5]q}],
				"sourceList": [{"type": "owning_party", "source": %[3]q}, {"type": "location", "source": %[3]q}],
				"destinationList": [{"type": "owning_party", "destination": %[6]q}, {"type": "location", "destination": %[6]q}],
				"sj:productName": "菠菜"}]}}`, lot, kg, seller, TicketType, TicketPrefix+number, buyer))
		}
		mustCapture(t, w.events, document(lotEvent("c1", "commissioning", seller, lot, 100, "KGM", "", false)), System)
		if res := postCapture(t, router, "application/ld+json", ticket("T-1", 60)); res.Code != http.StatusAccepted {
			t.Fatalf("a ticket within what the seller has: %d %s", res.Code, res.Body)
		}
		before := count(t, st, "epcis_events", "1 = 1")
		res := postCapture(t, router, "application/ld+json", ticket("T-2", 41))
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), RuleTicketOverQuantity) ||
			!strings.Contains(res.Body.String(), "40 kg") {
			t.Errorf("a ticket over what the seller has: %d %s, want 400 naming %s and the 40 kg left", res.Code, res.Body, RuleTicketOverQuantity)
		}
		if n := count(t, st, "epcis_events", "1 = 1"); n != before {
			t.Errorf("%d events stored by a refused ticket", n-before)
		}
	})
}
