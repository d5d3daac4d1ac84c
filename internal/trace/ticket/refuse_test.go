package ticket

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestOverQuantityRefused: a ticket selling more than the seller has of the lot (what it
// commissioned or received, less what it shipped, in the batch too) is refused with a
// problem naming the ticket, the quantity and what the seller has, and nothing is stored.
func TestOverQuantityRefused(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.mustRecord(t, system(), w.certificate("HG-001", "B1", 1000))
		w.mustRecord(t, system(), w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 0.7, "吨"))
		before := w.count(t, "epcis_events", "1 = 1")
		tests := []struct {
			name    string
			entries []Entry
			has     string
			row     int
		}{
			{"alone", []Entry{w.ticket("T2", w.registered(farm), w.registered(kitchen), "B1", 301, "公斤")}, "300 kg", 0},
			{"in jin", []Entry{w.ticket("T2", w.registered(farm), w.registered(kitchen), "B1", 602, "斤")}, "300 kg", 0},
			{"after another of the batch", []Entry{
				{Ticket: w.ticket("T2", w.registered(farm), w.registered(kitchen), "B1", 200, "公斤").Ticket, Row: 2},
				{Ticket: w.ticket("T3", w.registered(farm), w.registered(kitchen), "B1", 101, "公斤").Ticket, Row: 3}}, "100 kg", 3},
			{"no such lot", []Entry{w.ticket("T2", w.registered(farm), w.registered(kitchen), "B9", 1, "公斤")}, "0", 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := w.rec.Record(system(), tt.entries)
				if err != nil || len(res.Problems) != 1 {
					t.Fatalf("got %v %+v, want one problem", err, res.Problems)
				}
				p := res.Problems[0]
				number := tt.entries[len(tt.entries)-1].Ticket.Number
				if p.Field != "quantity" || p.Rule != "ticket_over_quantity" || p.Params["ticket"] != number || p.Params["has"] != tt.has || p.Row != tt.row {
					t.Errorf("problem %+v, want ticket %s over what the seller has (%s) at row %d", p, number, tt.has, tt.row)
				}
				msg := web.FieldMessage(i18n.Chinese, p.FieldError)
				if !strings.Contains(msg, number) || !strings.Contains(msg, tt.has) {
					t.Errorf("message %q names not the ticket and what the seller has", msg)
				}
				if n := w.count(t, "epcis_events", "1 = 1"); n != before {
					t.Errorf("%d events after a refusal, want %d", n, before)
				}
			})
		}
	})
}

// TestBadInput: each bad field is named with the rule it breaks.
func TestBadInput(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.mustRecord(t, system(), w.certificate("HG-001", "B1", 1000))
		tomorrow := time.Now().In(calendar.China).AddDate(0, 0, 1).Format(time.DateOnly)
		tests := []struct {
			name   string
			change func(*TicketInput)
			field  string
			rule   string
		}{
			{"no number", func(in *TicketInput) { in.Number = " " }, "ticket_no", "required"},
			{"zero quantity", func(in *TicketInput) { in.Quantity = 0 }, "quantity", "positive"},
			{"negative quantity", func(in *TicketInput) { in.Quantity = -3 }, "quantity", "positive"},
			{"half a box", func(in *TicketInput) { in.Unit, in.Quantity = "箱", 1.5 }, "quantity", "whole_count"},
			{"unknown unit", func(in *TicketInput) { in.Unit = "担" }, "unit", "unit"},
			{"future date", func(in *TicketInput) { in.Date = tomorrow }, "date", "not_future"},
			{"bad date", func(in *TicketInput) { in.Date = "1 Dec" }, "date", "when"},
			{"seller is buyer", func(in *TicketInput) { in.Buyer = w.registered(farm) }, "buyer.uscc", "same_party"},
			{"unknown seller", func(in *TicketInput) { in.Seller.USCC = testUSCC(99) }, "seller.uscc", "not_registered"},
			{"bad seller code", func(in *TicketInput) { in.Seller.USCC = "91330100MA2AB0001X" }, "seller.uscc", "uscc_checksum"},
			{"no buyer", func(in *TicketInput) { in.Buyer = PartyInput{} }, "buyer.uscc", "party_required"},
			{"farmer without phone", func(in *TicketInput) { in.Buyer = PartyInput{Name: "张三", IDOrPhone: "12"} }, "buyer.id_or_phone", "id_or_phone"},
			{"market no market", func(in *TicketInput) { in.Market = w.usccs[retailer] }, "market", "not_a_market"},
			{"bad GTIN", func(in *TicketInput) { in.GTIN = "6901234567891" }, "gtin", "gtin"},
			{"GTIN lot too long", func(in *TicketInput) { in.GTIN, in.Batch = "6901234567892", strings.Repeat("L", 21) }, "batch_no", "batch_gs1"},
			{"rapid test", func(in *TicketInput) { in.RapidTest = "maybe" }, "rapid_test", "one_of"},
			{"unregistered seller without market", func(in *TicketInput) {
				in.Market, in.Seller = "", PartyInput{Name: "李四", IDOrPhone: "13800001234"}
			}, "market", "market_required"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := w.ticket("T9", w.registered(farm), w.registered(retailer), "B1", 10, "公斤")
				tt.change(e.Ticket)
				res, err := w.rec.Record(system(), []Entry{e})
				if err != nil || !slices.ContainsFunc(res.Problems, func(p Problem) bool { return p.Field == tt.field && p.Rule == tt.rule }) {
					t.Fatalf("got %v %+v, want %s %s", err, res.Problems, tt.field, tt.rule)
				}
				for _, lang := range i18n.Langs {
					for _, p := range res.Problems {
						if msg := web.FieldMessage(lang, p.FieldError); strings.Contains(msg, "rule.") || strings.Contains(msg, "field.") {
							t.Errorf("%s: untranslated %q", lang, msg)
						}
					}
				}
			})
		}
		if n := w.count(t, "epcis_events", "1 = 1"); n != 1 {
			t.Errorf("%d events, want only the certificate", n)
		}
	})
}

// TestWhoMayEnter: an operator enters its own entries, a market's operator the tickets of
// its market, staff those of businesses in their scope.
func TestWhoMayEnter(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.mustRecord(t, system(), w.certificate("HG-001", "B1", 1000))
		w.mustRecord(t, system(), w.ticket("T0", w.registered(farm), w.registered(stall), "B1", 100, "公斤"))
		stallTicket := func(n string) Entry {
			e := w.ticket(n, w.registered(stall), w.registered(kitchen), "B1", 1, "公斤")
			e.Ticket.Market = ""
			return e
		}
		tests := []struct {
			name    string
			ctx     context.Context
			entry   Entry
			allowed bool
		}{
			{"seller", w.operator(farm), w.ticket("T1", w.registered(farm), w.registered(retailer), "B1", 1, "公斤"), true},
			{"buyer enters the seller's ticket", w.operator(retailer), w.ticket("T2", w.registered(farm), w.registered(retailer), "B1", 1, "公斤"), false},
			{"market, for a stall of it", w.operator(market), stallTicket("T3"), true},
			{"market, named on the ticket", w.operator(market), w.ticket("T4", w.registered(farm), w.registered(kitchen), "B1", 1, "公斤"), true},
			{"other business", w.operator(elsewhere), stallTicket("T5"), false},
			{"purchase of one's own", w.operator(retailer), w.line(Purchase, retailer, w.registered(farm), "2025-12-02", "", "B1", 1, "公斤"), true},
			{"purchase of another", w.operator(kitchen), w.line(Purchase, retailer, w.registered(farm), "2025-12-02", "", "B1", 1, "公斤"), false},
			{"certificate of another", w.operator(retailer), w.certificate("HG-002", "B2", 10), false},
			{"market, certificate of a farmer", w.operator(market), Entry{Certificate: &CertificateInput{Number: "HG-003", Date: "2025-12-01",
				Producer: PartyInput{Name: "李四", IDOrPhone: "330102199001011234"}, Market: w.usccs[market],
				Item: Item{Product: "青菜", Batch: "1201", Quantity: 50, Unit: "公斤"}}}, true},
			{"inspector of the district", w.inspector(0), stallTicket("T6"), true},
			{"inspector of another district", w.inspector(1), stallTicket("T7"), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := w.rec.Record(tt.ctx, []Entry{tt.entry})
				if err != nil || res.Forbidden() == tt.allowed || tt.allowed && len(res.Problems) > 0 {
					t.Errorf("got %v %+v, want allowed %v", err, res.Problems, tt.allowed)
				}
			})
		}
	})
}
