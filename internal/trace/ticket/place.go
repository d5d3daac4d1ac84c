package ticket

import (
	"context"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// place decides the movement's lot, builds its events and sorts them out: an event recorded
// before (stored, or earlier in the batch) under its eventID, or its Event Hash ID when it
// has none, with the same core is a repeat and left out; one recorded otherwise refuses the
// entry. A sale that takes more than the seller holds is
// refused too. What is left joins the batch's document and its holdings.
func (b *batch) place(m *movement) error {
	if err := b.decideLot(m); err != nil || m.lot == "" {
		return err
	}
	sides := m.sides()
	events, keys := make([]event, len(sides)), make([]string, len(sides))
	for i, side := range sides {
		events[i] = m.event(side)
		keys[i] = events[i].EventID
		if keys[i] == "" {
			var err error
			if keys[i], err = hashID(events[i]); err != nil {
				return err
			}
		}
	}
	stored, err := b.storedCores(keys)
	if err != nil {
		return err
	}
	var fresh []event
	for i, side := range sides {
		given := m.coreOf(side)
		recorded, ok := stored[keys[i]]
		if !ok {
			recorded, ok = b.cores[keys[i]]
		}
		if !ok {
			b.cores[keys[i]] = given
			fresh = append(fresh, events[i])
			continue
		}
		if field, value := m.differs(recorded, given); field != "" {
			b.problem(m, field, "recorded_differently", map[string]any{"number": m.joinNumber(), "recorded": value})
			return nil
		}
	}
	if ok, err := b.enough(m, fresh); err != nil || !ok {
		return err
	}
	b.book(m, fresh)
	return nil
}

// hashID is the Event Hash ID capture names an event without eventID by: an entry made
// again without ticket or voucher names the same event.
func hashID(e event) (string, error) {
	doc, err := document([]event{e}, time.Time{})
	if err != nil {
		return "", err
	}
	events, err := epcis.Parse(doc)
	if err != nil {
		return "", fmt.Errorf("read own event: %w", err)
	}
	return events[0].HashID()
}

// joinNumber is the number that joins the movement's entries: its ticket, voucher or
// certificate number.
func (m *movement) joinNumber() string {
	switch {
	case m.ticket != "":
		return m.ticket
	case m.voucher != "":
		return m.voucher
	}
	return m.number
}

// enough checks that the seller holds what a new shipping event takes of the lot.
func (b *batch) enough(m *movement, fresh []event) (bool, error) {
	for _, e := range fresh {
		if e.BizStep != sideShipping {
			continue
		}
		rule, params, err := m.shortfall(b.ctx, b.held)
		if err != nil || rule == "" {
			return err == nil, err
		}
		b.problem(m, "quantity", rule, params)
		return false, nil
	}
	return true, nil
}

// shortfall checks that the seller holds what the movement's sale takes of the lot, and
// returns the broken rule with its parameters, or "" when it does.
func (m *movement) shortfall(ctx context.Context, h *trace.Holdings) (string, map[string]any, error) {
	has, err := h.Of(ctx, m.from.holder(), m.lot)
	wanted := trace.Stock{}
	wanted.Add(m.item.quantity, m.item.uom)
	if err != nil || has.Holds(wanted) {
		return "", nil, err
	}
	rule, params := m.overQuantity(wanted.String(), has.String())
	return rule, params, nil
}

// overQuantity is the broken rule, with its parameters, of the movement's sale of quantity
// when the seller has only has of the lot.
func (m *movement) overQuantity(quantity, has string) (string, map[string]any) {
	params := map[string]any{"quantity": quantity, "has": has, "batch": m.item.batch}
	if m.kind == kindTicket {
		params["ticket"] = m.number
		return "ticket_over_quantity", params
	}
	return "sale_over_quantity", params
}

// moveOf is the party whose holding the movement's event of side changes, and the sign of
// the change: a shipping takes from the seller, a commissioning gives to the producer, a
// receiving gives to the buyer.
func (m *movement) moveOf(side string) (party, float64) {
	switch side {
	case sideShipping:
		return m.from, -1
	case sideCommissioning:
		return m.from, 1
	}
	return m.to, 1
}

// book adds the movement's new events to the document, and what they move to the
// holdings of their places; the lot is then known at both ends.
func (b *batch) book(m *movement, fresh []event) {
	b.placed = append(b.placed, m.lot)
	for _, e := range fresh {
		b.captured = append(b.captured, e)
		b.origins = append(b.origins, m)
		holder, sign := m.moveOf(e.BizStep)
		b.held.Move(holder.holder(), m.lot, sign*m.item.quantity, m.item.uom)
	}
	for _, p := range []party{m.from, m.to} {
		if p.key == "" {
			continue
		}
		if b.seen[p.uri()] == nil {
			b.seen[p.uri()] = map[string]bool{}
		}
		b.seen[p.uri()][m.lot] = true
	}
}
