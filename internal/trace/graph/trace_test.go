package graph

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// TestTrace walks the hand-built chains forward and backward; the steps and the identifiers
// reached must equal the expected lists exactly.
func TestTrace(t *testing.T) {
	tests := []struct {
		name      string
		events    []Event
		retract   []int64
		forward   bool
		id        string
		maxSteps  int
		steps     []string
		reached   []string
		gaps      []string
		truncated bool
	}{
		{
			name: "forward across three businesses", events: threeBusinesses(), forward: true, id: lot("A"),
			steps:   []string{"1 A", "2 A", "3 A", "4 A", "5 A", "6 A"},
			reached: []string{"A start"},
		},
		{
			name: "backward from a lot is its making, not where it went", events: threeBusinesses(), id: lot("A"),
			steps:   []string{"1 A"},
			reached: []string{"A start"},
		},
		{
			name:   "backward walks the inputs back from place to place, matching shipments by transaction",
			events: supplied(), retract: []int64{16}, id: lot("C"),
			steps: []string{"12 B", "1 A", "14 D", "2 A", "3 A", "6 A", "8 A", "15 E", "11 B", "13 D",
				"9 A", "9 B", "9 D", "9 E", "9 C"},
			reached: []string{"A input of C", "B input of C", "C start", "D input of C", "E input of C"},
			gaps:    []string{`E "dc" 15`, `D "" 13`},
		},
		{
			name:   "without business transactions a receiving matches the latest shipment before it",
			events: untied(supplied()), retract: []int64{16}, id: lot("C"),
			steps: []string{"12 B", "1 A", "14 D", "2 A", "3 A", "7 A", "8 A", "15 E", "11 B", "13 D",
				"9 A", "9 B", "9 D", "9 E", "9 C"},
			reached: []string{"A input of C", "B input of C", "C start", "D input of C", "E input of C"},
			gaps:    []string{`E "dc" 15`, `D "" 13`},
		},
		{
			name: "a receiving whose source recorded nothing is a gap", events: supplied(), id: lot("C"),
			steps: []string{"12 B", "1 A", "14 D", "2 A", "3 A", "6 A", "8 A", "15 E", "11 B", "13 D", "16 A",
				"9 A", "9 B", "9 D", "9 E", "9 C"},
			reached: []string{"A input of C", "B input of C", "C start", "D input of C", "E input of C"},
			gaps:    []string{`E "dc" 15`, `D "" 13`, `A "wrong" 16`},
		},
		{
			name: "backward from a lot with no making captured: its earliest events", events: twoIntoOne(), id: lot("A"),
			steps:   []string{"6 A"},
			reached: []string{"A start"},
			gaps:    []string{`A "farm1" 6`},
		},
		{
			name: "backward through a pallet the input arrived on", events: unpackedInto(), id: lot("M"),
			steps: []string{"1 L", "4 P carrying L", "4 L", "5 P carrying L", "6 P carrying L", "7 P carrying L", "7 L",
				"13 L", "13 M"},
			reached: []string{"P parent of L", "L input of M", "M start"},
			gaps:    []string{`L "plant" 1`},
		},
		{
			name: "forward from an input reaches the output, not the other input", events: twoIntoOne(), forward: true, id: lot("A"),
			steps:   []string{"6 A", "1 A", "3 A", "3 C", "4 C", "5 A"},
			reached: []string{"A start", "C output of A"},
		},
		{
			name: "backward from the output reaches both inputs where they were used", events: twoIntoOne(), id: lot("C"),
			steps:   []string{"6 A", "1 A", "2 B", "3 A", "3 B", "3 C"},
			reached: []string{"A input of C", "B input of C", "C start"},
			gaps:    []string{`A "farm1" 6`, `B "farm2" 2`},
		},
		{
			name: "forward through a transformation split over events", events: splitTransformation(), forward: true, id: lot("A"),
			steps:   []string{"1 A", "3 A", "4 C", "5 C"},
			reached: []string{"A start", "C output of A"},
		},
		{
			name: "forward from the output of a split transformation starts with all its parts", events: splitTransformation(),
			forward: true, id: lot("C"),
			steps:   []string{"3 A", "3 B", "4 C", "5 C"},
			reached: []string{"C start"},
		},
		{
			name: "time order: backward leaves out an input received after the output was made", events: splitTransformation(), id: lot("C"),
			steps:   []string{"1 A", "2 B", "3 A", "3 B", "4 C"},
			reached: []string{"A input of C", "B input of C", "C start"},
			gaps:    []string{`A "farm1" 1`, `B "farm2" 2`},
		},
		{
			name: "time order: forward from a late input does not reach the earlier output", events: splitTransformation(), forward: true, id: lot("D"),
			steps:   []string{"6 D", "7 D"},
			reached: []string{"D start"},
		},
		{
			name: "forward on a pallet while the lot is on it, not before or after", events: palletised(), forward: true, id: lot("L"),
			steps: []string{"1 L", "4 P carrying L", "4 L", "5 P carrying L", "6 P carrying L",
				"7 P carrying L", "7 L", "9 L"},
			reached: []string{"L start", "P parent of L"},
		},
		{
			name: "a DELETE listing no children unpacks every child", events: palletised(), forward: true, id: lot("K"),
			steps: []string{"12 K", "4 P carrying K", "4 K", "5 P carrying K", "6 P carrying K",
				"7 P carrying K", "8 P carrying K"},
			reached: []string{"K start", "P parent of K"},
		},
		{
			name: "backward from a pallet reaches where what was packed on it came from", events: palletised(), id: pallet("P"),
			steps:   []string{"2 P", "12 K", "1 L", "4 P", "4 L", "4 K", "10 P", "10 Z"},
			reached: []string{"K child of P", "L child of P", "P start", "Z child of P"},
			gaps:    []string{`K "farmK" 12`, `L "plant" 1`, `Z "shop" 10`},
		},
		{
			name: "forward from a pallet goes on with its contents", events: palletised(), forward: true, id: pallet("P"),
			steps: []string{"2 P", "3 P", "4 P", "4 L", "4 K", "5 P", "6 P", "7 P", "7 L", "8 P", "9 L",
				"10 P", "10 Z", "11 P"},
			reached: []string{"P start", "K child of P", "L child of P", "Z child of P"},
		},
		{
			name: "retracted shipment and transformation are ignored", events: corrected(), retract: []int64{2, 4},
			forward: true, id: lot("A"),
			steps:   []string{"1 A", "3 A"},
			reached: []string{"A start"},
		},
		{
			name: "retail sale of an item ends its forward walk", events: retail(), forward: true, id: sgtin("I"),
			steps:   []string{"1 I", "2 I", "3 I", "4 I"},
			reached: []string{"I start"},
		},
		{
			name: "retail sale of part of a lot is a leaf, the rest goes on", events: retail(), forward: true, id: lot("L"),
			steps:   []string{"7 L", "8 L", "9 L"},
			reached: []string{"L start"},
		},
		{
			name: "a transformation cycle terminates", events: cycle(), forward: true, id: lot("A"),
			steps:   []string{"1 A", "1 B", "2 B", "2 A", "5 P carrying A", "5 A"},
			reached: []string{"A start", "B output of A", "P parent of A"},
		},
		{
			name: "an aggregation cycle terminates", events: cycle(), forward: true, id: pallet("P"),
			steps:   []string{"3 P", "3 Q", "4 Q", "4 Q carrying P", "4 P", "5 P", "5 A"},
			reached: []string{"P start", "Q child of P", "A child of P"},
		},
		{
			name: "an association is a step and links nothing", events: associated(), forward: true, id: lot("A"),
			steps:   []string{"1 A", "2 A"},
			reached: []string{"A start"},
		},
		{
			name: "the walk stops at the step limit", events: cycle(), forward: true, id: lot("A"), maxSteps: 2,
			steps:   []string{"1 A", "2 A"},
			reached: []string{"A start"}, truncated: true,
		},
		{
			name: "a crate is followed only while the lot rides in it", events: crate(), forward: true, id: lot("X"), maxSteps: 8,
			steps:   []string{"101 C carrying X", "201 C carrying X", "201 X", "102 C carrying X", "202 C carrying X", "202 X"},
			reached: []string{"X start", "C parent of X"},
		},
		{
			name: "the walk stops at its work bound", events: crate(), forward: true, id: lot("X"), maxSteps: 3,
			steps:   []string{"201 X"},
			reached: []string{"X start"}, truncated: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := mustIndex(t, tt.events, tt.retract...)
			walk := ix.Backward
			if tt.forward {
				walk = ix.Forward
			}
			got, err := walk(tt.id, Options{MaxSteps: tt.maxSteps})
			if err != nil {
				t.Fatal(err)
			}
			if lines := stepLines(got.Steps); !slices.Equal(lines, tt.steps) {
				t.Errorf("steps\n got %q\nwant %q", lines, tt.steps)
			}
			if lines := reachLines(got.Reached); !slices.Equal(lines, tt.reached) {
				t.Errorf("reached\n got %q\nwant %q", lines, tt.reached)
			}
			if lines := gapLines(got.Gaps); !slices.Equal(lines, tt.gaps) {
				t.Errorf("gaps\n got %q\nwant %q", lines, tt.gaps)
			}
			if got.Truncated != tt.truncated {
				t.Errorf("truncated = %v, want %v", got.Truncated, tt.truncated)
			}
		})
	}
}

// TestUnknownID: an identifier no event lists, even one known as a location, is an error.
func TestUnknownID(t *testing.T) {
	ix := mustIndex(t, threeBusinesses())
	for _, id := range []string{lot("nope"), site("market"), ""} {
		if _, err := ix.Forward(id, Options{}); !errors.Is(err, ErrUnknownID) {
			t.Errorf("Forward(%q) error = %v, want ErrUnknownID", id, err)
		}
		if _, err := ix.Recall(id, Options{}); !errors.Is(err, ErrUnknownID) {
			t.Errorf("Recall(%q) error = %v, want ErrUnknownID", id, err)
		}
	}
}

// TestStepFields: a step carries the event's columns, the places of its source and
// destination lists and the quantity it moves.
func TestStepFields(t *testing.T) {
	ix := mustIndex(t, palletised())
	got, err := ix.Forward(lot("L"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Step{
		"5 P carrying L": {Row: 5, Time: at(3), Type: "ObjectEvent", Action: "OBSERVE", BizStep: bizStep("shipping"),
			Location: site("dc"), Source: site("dc"), Destination: site("shop"), ID: pallet("P"), Role: epcis.RoleEPC,
			Carries: lot("L"), Quantity: 100, UOM: "KGM", HasQuantity: true},
		"9 L": {Row: 9, Time: at(6), Type: "ObjectEvent", Action: "OBSERVE", BizStep: bizStep("retail_selling"),
			Location: site("shop"), ID: lot("L"), Role: epcis.RoleEPC, Quantity: 2, UOM: "KGM", HasQuantity: true, Leaf: true},
		"4 L": {Row: 4, Time: at(2), Type: "AggregationEvent", Action: "ADD", BizStep: bizStep("packing"),
			Location: site("dc"), ID: lot("L"), Role: epcis.RoleChild, Quantity: 100, UOM: "KGM", HasQuantity: true},
	}
	lines := stepLines(got.Steps)
	for line, w := range want {
		i := slices.Index(lines, line)
		if i < 0 {
			t.Errorf("no step %q in %q", line, lines)
			continue
		}
		if s := got.Steps[i]; s != w {
			t.Errorf("step %q\n got %+v\nwant %+v", line, s, w)
		}
	}
	if r := got.Reached[1]; r.Row != 4 || !r.Time.Equal(at(2)) {
		t.Errorf("pallet reached by row %d at %v, want row 4 at %v", r.Row, r.Time, at(2))
	}
}

// TestTimeMilliseconds: times are kept to the millisecond and answered in UTC.
func TestTimeMilliseconds(t *testing.T) {
	when := time.Date(2025, 5, 1, 10, 0, 0, 123_456_789, time.FixedZone("CST", 8*3600))
	e := commission(1, 0, site("farm"), kg("A", 1))
	e.Time = when
	got, err := mustIndex(t, []Event{e}).Forward(lot("A"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := when.Truncate(time.Millisecond).UTC(); got.Steps[0].Time != want {
		t.Errorf("time %v, want %v", got.Steps[0].Time, want)
	}
}
