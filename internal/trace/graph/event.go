package graph

import (
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// Event is what the index keeps of a stored EPCIS event (追溯事件): the columns storage
// already has, so the index is rebuilt from the database at start without parsing a
// document. Identifiers and vocabulary are canonical strings as in epcis.Facts.
type Event struct {
	Row     int64     // the event's row id in the database, returned in answers
	Time    time.Time // eventTime; the index keeps it to the millisecond
	Type    string    // ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent
	Action  string    // ADD, OBSERVE or DELETE; empty for a TransformationEvent
	BizStep string    // web URI, e.g. https://ref.gs1.org/cbv/BizStep-shipping
	// Location is the bizLocation, else the readPoint, else empty.
	Location         string
	TransformationID string
	Objects          []epcis.Object
	// Sources and Destinations are the source and destination lists; the index keeps of
	// each list the place it names: the first location, else the first owning party.
	Sources, Destinations []epcis.Typed
	// BizTransactions are the business transactions (一票通 tickets, despatch advices,
	// orders); the index keeps a hash of each identifier, of up to maxTransactions, to
	// tell which shipment a receiving matches.
	BizTransactions []epcis.Typed
}

// FromFacts returns the index's view of an event stored at row. An event that carries an
// error declaration is not a movement: the caller retracts the row it declares erroneous.
func FromFacts(row int64, f epcis.Facts) Event {
	loc := f.BizLocation
	if loc == "" {
		loc = f.ReadPoint
	}
	return Event{
		Row: row, Time: f.EventTime, Type: f.Type, Action: f.Action, BizStep: f.BizStep,
		Location: loc, TransformationID: f.TransformationID, Objects: f.Objects,
		Sources: f.Sources, Destinations: f.Destinations, BizTransactions: f.BizTransactions,
	}
}

// CBV web URIs the walk tells apart.
const (
	bizShipping     = string(epcis.BizStepWords) + "shipping"
	bizReceiving    = string(epcis.BizStepWords) + "receiving"
	bizRetail       = string(epcis.BizStepWords) + "retail_selling"
	placeLocation   = string(epcis.SourceDestTypeWords) + "location"
	placeOwnerParty = string(epcis.SourceDestTypeWords) + "owning_party"
)

// kind packs an event's type and action in the low five bits, beside the retracted and late
// flags.
type kind uint8

const (
	kindTypeMask  kind = 7
	kindActShift       = 3
	kindRetracted kind = 1 << 5
	kindLate      kind = 1 << 6 // the row came after a larger one (see rows.go)
)

// A kind numbers types and actions as epcis.EventTypes and epcis.Actions do.

const (
	typeObject      = 1
	typeAggregation = 2
	actionAdd       = 1
	actionDelete    = 3
)

func (k kind) typ() int        { return int(k & kindTypeMask) }
func (k kind) action() int     { return int(k>>kindActShift) & 3 }
func (k kind) retracted() bool { return k&kindRetracted != 0 }
func (k kind) late() bool      { return k&kindLate != 0 }

// kindOf returns the kind of an event's type and action, or an error naming what the index
// cannot hold.
func kindOf(e Event) (kind, error) {
	t, a := slices.Index(epcis.EventTypes, e.Type), slices.Index(epcis.Actions, e.Action)
	switch {
	case t <= 0:
		return 0, fmt.Errorf("row %d: unknown event type %q", e.Row, e.Type)
	case a < 0 || (a == 0) != (e.Type == "TransformationEvent"):
		return 0, fmt.Errorf("row %d: action %q does not go with %s", e.Row, e.Action, e.Type)
	case len(e.Objects) > maxObjects:
		return 0, fmt.Errorf("row %d: %d objects, more than the %d the index holds", e.Row, len(e.Objects), maxObjects)
	}
	return kind(t) | kind(a)<<kindActShift, nil
}

// place returns the place a source or destination list names: the first location, else the
// first owning party, else "".
func place(list []epcis.Typed) string {
	owner := ""
	for _, t := range list {
		switch {
		case t.Type == placeLocation:
			return t.Value
		case t.Type == placeOwnerParty && owner == "":
			owner = t.Value
		}
	}
	return owner
}
