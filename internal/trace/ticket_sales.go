package trace

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
)

// A 一票通 ticket is the market's record of a sale: its shipping event names the ticket as a
// business transaction of type TicketType, value TicketPrefix and the ticket's number. A
// ticket may not sell more of a lot than the seller holds (holdings.go), however it
// arrives: entered through package ticket, or sent as EPCIS to the capture interface. So
// capture checks every ticket sale of a document inside the transaction that stores it,
// where captures take turns: two tickets of one lot captured at once never take more than
// the seller received. Other shipping events are not checked: a partner's shipment says
// nothing of stock this city has seen.
const (
	TicketType   = "urn:shejian:btt:ticket"
	TicketPrefix = "urn:shejian:ticket:"
)

// RuleTicketOverQuantity: a ticket sells more of a lot than the seller holds.
const RuleTicketOverQuantity = "trace_ticket_over_quantity"

// ticketOf returns the ticket a shipping event sells on, or "" when it is no ticket sale.
func ticketOf(f *epcis.Facts) string {
	if f.BizStep != stepShipping {
		return ""
	}
	for _, t := range f.BizTransactions {
		if t.Type == TicketType {
			return t.Value
		}
	}
	return ""
}

// checkTicketSales sets the problems of the records to insert that sell on a ticket more
// than their seller holds: what stored events say, and what the records before it in the
// document moved. A sale refused moves nothing. A record declared erroneous moves nothing
// either; a stored event the document declares erroneous still counts (as in package
// ticket's checks).
func checkTicketSales(ctx context.Context, w writer, s *sorted, base string) error {
	var lots, places []string
	for _, r := range s.insert {
		if ticketOf(&r.facts) == "" {
			continue
		}
		place, _ := placeOf(&r.facts)
		places = append(places, place)
		for _, o := range r.facts.Objects {
			if moveOf(&r.facts, &o) != 0 {
				lots = append(lots, o.ID)
			}
		}
	}
	if len(lots) == 0 {
		return nil
	}
	h := NewHoldings(txReader{w}, w.dialect())
	if err := h.Read(ctx, slices.Compact(slices.Sorted(slices.Values(lots))), places); err != nil {
		return fmt.Errorf("check ticket sales: %w", err)
	}
	for _, r := range s.insert {
		if r.declaration() || r.declaredMs != 0 {
			continue
		}
		place, _ := placeOf(&r.facts)
		holder := Holder{Business: r.owner, Location: place}
		problem, err := overSold(ctx, h, r, holder)
		if err != nil {
			return fmt.Errorf("check ticket sales: %w", err)
		}
		if problem != nil {
			s.problems = append(s.problems, newProblem(r, base, "/quantityList", RuleTicketOverQuantity, problem))
			continue
		}
		for _, o := range r.facts.Objects {
			if q := moveOf(&r.facts, &o); q != 0 {
				h.Move(holder, o.ID, q, o.UOM)
			}
		}
	}
	return nil
}

// overSold returns the parameters of the problem of r when it sells on a ticket more of a
// lot than holder holds, nil when it does not.
func overSold(ctx context.Context, h *Holdings, r *record, holder Holder) (map[string]any, error) {
	ticket := ticketOf(&r.facts)
	if ticket == "" {
		return nil, nil
	}
	wanted := map[string]Stock{}
	for _, o := range r.facts.Objects {
		if q := moveOf(&r.facts, &o); q < 0 {
			if wanted[o.ID] == nil {
				wanted[o.ID] = Stock{}
			}
			wanted[o.ID].Add(-q, o.UOM)
		}
	}
	for _, lot := range slices.Sorted(maps.Keys(wanted)) {
		has, err := h.Of(ctx, holder, lot)
		if err != nil {
			return nil, err
		}
		if !has.Holds(wanted[lot]) {
			return map[string]any{"ticket": ticketNumber(ticket), "lot": lot, "quantity": wanted[lot].String(), "has": has.String()}, nil
		}
	}
	return nil, nil
}

// ticketNumber is the number a ticket's business transaction names, as written.
func ticketNumber(ticket string) string {
	n := strings.TrimPrefix(ticket, TicketPrefix)
	if unescaped, err := url.PathUnescape(n); err == nil {
		return unescaped
	}
	return n
}
