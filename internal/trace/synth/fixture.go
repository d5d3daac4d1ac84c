package synth

import (
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// Fixture is a small chain with its answers worked out by hand, for the tests of trace
// and recall to assert exact equality against (see SmallChain and the package doc).
type Fixture struct {
	Businesses []Business
	// Documents hold the chain's events in causal order, ready for capture.
	Documents [][]byte
	// Now is a capture time after every event.
	Now time.Time
	// Cases are the expected traces and recall scopes of the chain's lots.
	Cases []TraceCase
	// Withdrawn are the events an error declaration withdraws: no trace holds them.
	Withdrawn []EventRef
}

// TraceCase is what a trace and a recall of one lot must find.
type TraceCase struct {
	Name string // L1, L2, L3
	Lot  string // canonical GS1 Digital Link
	// Backward are the events the lot came through: its creating events, then back to
	// the harvests of everything it was made of.
	Backward []EventRef
	// Forward are the events the lot and everything made of it went through: its
	// creating events, then on to the last sale or meal.
	Forward []EventRef
	// Recall are the places the lot, or anything made of it, was made at or arrived at.
	Recall []Reach
}

// EventRef names an event of the fixture.
type EventRef struct {
	// ID is the event's ID as capture stores it: its eventID, or its Event Hash ID when it
	// has none.
	ID string
	// What says what happened, for a reader of a failed test.
	What string
}

// Reach is a place a lot reached: one business, one lot, how much arrived there (or was
// made there) in all and when the first of it did.
type Reach struct {
	Business Business
	Lot      string // canonical GS1 Digital Link
	Quantity float64
	UOM      string // KGM, or "" for packs
	First    time.Time
}

// fixtureRefs resolves the IDs of the events of b's flow as capture will see them in docs.
func fixtureRefs(b *builder, docs [][]byte) ([]string, error) {
	var ids []string
	for _, doc := range docs {
		events, err := epcis.Parse(doc)
		if err != nil {
			return nil, fmt.Errorf("synth: read back the fixture: %w", err)
		}
		for _, ev := range events {
			if e := &b.events[len(ids)]; e.id != none {
				ids = append(ids, string(b.appendID(nil, e.id)))
				continue
			}
			id, err := ev.HashID()
			if err != nil {
				return nil, fmt.Errorf("synth: hash a fixture event: %w", err)
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}
