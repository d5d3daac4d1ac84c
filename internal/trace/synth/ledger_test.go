package synth

import (
	"fmt"
	"time"
)

// ledger replays events in document order as goods move, to check that the documents are
// in causal order and conserve quantities: nothing leaves, is used or is packed at a place
// before it arrived there or in a larger amount than the place holds, nothing arrives
// that was not sent, and times increase along the way. Withdrawn events and their
// declarations are left out, as a trace leaves them out.
type ledger struct {
	end     time.Time
	stock   map[[2]string]float64    // lot, place
	since   map[[2]string]time.Time  // lot, place: the earliest time some of it got there
	transit map[[3]string][]shipment // lot, from, to: what is on the road, in stream order
	pallets map[string]*palletState
}

type shipment struct {
	amount float64
	at     time.Time
}

type palletState struct {
	place, to string
	contents  []decodedQuantity
	at        time.Time // of its last move
}

const tolerance = 1e-6

func newLedger(end time.Time) *ledger {
	return &ledger{end: end, stock: map[[2]string]float64{}, since: map[[2]string]time.Time{},
		transit: map[[3]string][]shipment{}, pallets: map[string]*palletState{}}
}

// replay applies the events and returns the first inconsistency found.
func (l *ledger) replay(events []decoded) error {
	gone, declarations := withdrawn(events)
	seen := map[string]bool{}
	for i := range events {
		e := &events[i]
		if err := l.checkIDs(e, seen, declarations[i]); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		seen[e.ID] = true
		if gone[e.ID] {
			continue
		}
		if err := l.apply(e); err != nil {
			return fmt.Errorf("event %d (%s %s at %s): %w", i, e.Type, e.BizStep, e.place(), err)
		}
	}
	return nil
}

// checkIDs checks an event's times against the end and, for a declaration, that the
// event it withdraws and the corrective events came before it.
func (l *ledger) checkIDs(e *decoded, seen map[string]bool, declaration bool) error {
	if e.EventTime.After(l.end) {
		return fmt.Errorf("eventTime %s after the end", e.EventTime)
	}
	if !declaration {
		return nil
	}
	d := e.ErrorDeclaration
	if !seen[e.ID] || d.DeclarationTime.After(l.end) || d.DeclarationTime.Before(e.EventTime) {
		return fmt.Errorf("declaration of %s: unseen or at %s", e.ID, d.DeclarationTime)
	}
	for _, id := range d.CorrectiveEventIDs {
		if !seen[id] {
			return fmt.Errorf("declaration names corrective event %s before it", id)
		}
	}
	return nil
}

// apply moves goods as one event says.
func (l *ledger) apply(e *decoded) error {
	switch {
	case e.Type == "TransformationEvent":
		if err := l.take(e.InputQuantityList, e.place(), e.EventTime); err != nil {
			return err
		}
		l.put(e.OutputQuantityList, e.place(), e.EventTime)
	case e.Type == "AggregationEvent":
		return l.aggregate(e)
	case e.BizStep == "commissioning":
		l.put(e.QuantityList, e.place(), e.EventTime)
	case e.BizStep == "shipping":
		return l.ship(e)
	case e.BizStep == "receiving":
		return l.receive(e)
	case e.BizStep == "retail_selling", e.BizStep == "dispensing":
		return l.take(e.QuantityList, e.place(), e.EventTime)
	default:
		return fmt.Errorf("unexpected bizStep %q", e.BizStep)
	}
	return nil
}

// take removes quantities from a place's stock.
func (l *ledger) take(qs []decodedQuantity, place string, at time.Time) error {
	for _, q := range qs {
		k := [2]string{q.EPCClass, place}
		if l.stock[k] < q.Quantity-tolerance || at.Before(l.since[k]) {
			return fmt.Errorf("%v of %s: the place holds %v since %s", q.Quantity, q.EPCClass, l.stock[k], l.since[k])
		}
		l.stock[k] -= q.Quantity
	}
	return nil
}

// put adds quantities to a place's stock.
func (l *ledger) put(qs []decodedQuantity, place string, at time.Time) {
	for _, q := range qs {
		k := [2]string{q.EPCClass, place}
		if since, ok := l.since[k]; !ok || at.Before(since) {
			l.since[k] = at
		}
		l.stock[k] += q.Quantity
	}
}

func (l *ledger) ship(e *decoded) error {
	from, to := e.place(), e.destination()
	if e.source() != from || to == "" {
		return fmt.Errorf("source %q or destination %q", e.source(), to)
	}
	if p := e.pallet(); p != "" {
		return l.movePallet(p, from, to, e.EventTime, false)
	}
	if err := l.take(e.QuantityList, from, e.EventTime); err != nil {
		return err
	}
	for _, q := range e.QuantityList {
		k := [3]string{q.EPCClass, from, to}
		l.transit[k] = append(l.transit[k], shipment{q.Quantity, e.EventTime})
	}
	return nil
}

func (l *ledger) receive(e *decoded) error {
	from, at := e.source(), e.place()
	if p := e.pallet(); p != "" {
		return l.movePallet(p, from, at, e.EventTime, true)
	}
	for _, q := range e.QuantityList {
		if !l.arrive([3]string{q.EPCClass, from, at}, q.Quantity, e.EventTime) {
			return fmt.Errorf("%v of %s arrives, not sent before: %v", q.Quantity, q.EPCClass, l.transit[[3]string{q.EPCClass, from, at}])
		}
	}
	l.put(e.QuantityList, at, e.EventTime)
	return nil
}

// arrive takes off the road the latest shipment an amount at a time can be part of.
func (l *ledger) arrive(k [3]string, amount float64, at time.Time) bool {
	road := l.transit[k]
	for i := len(road) - 1; i >= 0; i-- {
		if road[i].amount >= amount-tolerance && !at.Before(road[i].at) {
			l.transit[k] = append(road[:i], road[i+1:]...)
			return true
		}
	}
	return false
}

// movePallet ships a pallet from `from` to `to`, or receives it at `to` from `from`.
func (l *ledger) movePallet(sscc, from, to string, at time.Time, arriving bool) error {
	p := l.pallets[sscc]
	switch {
	case p == nil || at.Before(p.at):
		return fmt.Errorf("pallet %s moves before it was packed or last moved", sscc)
	case !arriving && p.place == from && p.to == "":
		p.to = to
	case arriving && p.place == from && p.to == to:
		p.place, p.to = to, ""
	default:
		return fmt.Errorf("pallet %s is at %s bound for %q, not moving %s → %s", sscc, p.place, p.to, from, to)
	}
	p.at = at
	return nil
}

// aggregate packs a pallet (ADD) or unpacks it where it arrived (DELETE).
func (l *ledger) aggregate(e *decoded) error {
	sscc, place := e.pallet(), e.place()
	if e.Action == "ADD" {
		l.pallets[sscc] = &palletState{place: place, contents: e.ChildQuantityList, at: e.EventTime}
		return l.take(e.ChildQuantityList, place, e.EventTime)
	}
	p := l.pallets[sscc]
	if p == nil || p.place != place || p.to != "" || e.EventTime.Before(p.at) {
		return fmt.Errorf("pallet %s unpacked at %s before it arrived", sscc, place)
	}
	if fmt.Sprint(p.contents) != fmt.Sprint(e.ChildQuantityList) {
		return fmt.Errorf("pallet %s unpacks %v, packed %v", sscc, e.ChildQuantityList, p.contents)
	}
	delete(l.pallets, sscc)
	l.put(e.ChildQuantityList, place, e.EventTime)
	return nil
}
