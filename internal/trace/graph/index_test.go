package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
)

// TestRowsOutOfOrder: rows added out of order, twice, or retracted before they are added
// are all found: a retracted row drops out of the trace wherever it stands.
func TestRowsOutOfOrder(t *testing.T) {
	order := []int64{10, 20, 15, 5, 30, 25, 40}
	var events []Event
	for i, row := range order {
		events = append(events, ship(row, i, site("a"), site(fmt.Sprint(row)), kg("A", 1)))
	}
	ix := New()
	ix.Retract(40) // before it is added
	if err := ix.AddBatch(events); err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(events[2]); err != nil { // row 15 again
		t.Fatal(err)
	}
	if s := ix.Stats(); s.Events != len(order) || s.Retracted != 1 {
		t.Fatalf("stats %+v, want %d events, 1 retracted", s, len(order))
	}
	retracted := map[int64]bool{40: true}
	for _, retract := range [][]int64{{15}, {5, 30}, {10, 25, 20}} {
		for _, row := range retract {
			ix.Retract(row)
			ix.Retract(row) // twice is once
			retracted[row] = true
		}
		got, err := ix.Forward(lot("A"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var rows []int64
		for _, s := range got.Steps {
			rows = append(rows, s.Row)
		}
		want := slices.DeleteFunc(slices.Clone(order), func(r int64) bool { return retracted[r] })
		if !slices.Equal(rows, want) {
			t.Errorf("after retracting %v: rows %v, want %v", retract, rows, want)
		}
	}
	if s := ix.Stats(); s.Retracted != len(order) {
		t.Errorf("retracted %d, want %d", s.Retracted, len(order))
	}
}

// TestAddRejects: an event the index cannot hold is named in the error and the rest of the
// batch is added.
func TestAddRejects(t *testing.T) {
	good := commission(1, 1, site("farm"), kg("A", 1))
	bad := []Event{
		{Row: 2, Type: "SensorEvent", Action: "OBSERVE"},
		{Row: 3, Type: "ObjectEvent", Action: "MOVE"},
		{Row: 4, Type: "ObjectEvent"},
		{Row: 5, Type: "TransformationEvent", Action: "ADD"},
	}
	ix := New()
	err := ix.AddBatch(append(bad, good))
	for _, e := range bad {
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("row %d:", e.Row)) {
			t.Errorf("error %v does not name row %d", err, e.Row)
		}
	}
	if s := ix.Stats(); s.Events != 1 {
		t.Errorf("%d events, want the good one only", s.Events)
	}
}

// TestInterner: strings keep their numbers through table growth, long strings included.
func TestInterner(t *testing.T) {
	in := newInterner()
	long := strings.Repeat("x", stringChunk+10)
	want := map[string]uint32{}
	for i := range 5000 {
		s := fmt.Sprintf("https://id.gs1.org/01/06901234567892/10/L%d", i)
		if i == 2500 {
			s = long
		}
		if slots := in.grown(1); slots != nil {
			in.slots = slots
		}
		want[s] = in.intern(s)
	}
	for s, id := range want {
		if got, ok := in.lookup(s); !ok || got != id {
			t.Errorf("lookup(%.40q) = %d, %v, want %d", s, got, ok, id)
		}
		if in.str(id) != s {
			t.Errorf("str(%d) = %.40q, want %.40q", id, in.str(id), s)
		}
	}
	if _, ok := in.lookup("absent"); ok {
		t.Error("found a string never interned")
	}
	if in.len() != len(want)+1 || in.str(0) != "" {
		t.Errorf("%d strings, want %d and the empty one first", in.len(), len(want)+1)
	}
}

// TestLargeEvent: an event whose record is larger than an arena chunk is held whole.
func TestLargeEvent(t *testing.T) {
	objs := make([]epcis.Object, arenaSize/2+10)
	for i := range objs {
		objs[i] = one(sgtin(fmt.Sprint(i)))
	}
	events := []Event{
		commission(1, 1, site("plant"), objs...),
		ship(2, 2, site("plant"), site("shop"), objs[len(objs)-1], kg("A", 1)),
	}
	ix := mustIndex(t, events)
	got, err := ix.Forward(sgtin(fmt.Sprint(len(objs)-1)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if lines := stepLines(got.Steps); !slices.Equal(lines, []string{"1 " + fmt.Sprint(len(objs)-1), "2 " + fmt.Sprint(len(objs)-1)}) {
		t.Errorf("steps %q", lines)
	}
	if got.Steps[1].Destination != site("shop") {
		t.Errorf("destination %q after a large record", got.Steps[1].Destination)
	}
}

// TestFromFacts: the location is the bizLocation, else the readPoint; the business
// transactions are kept.
func TestFromFacts(t *testing.T) {
	f := epcis.Facts{Type: "ObjectEvent", Action: "OBSERVE", ReadPoint: site("door"), Objects: []epcis.Object{kg("A", 1)},
		BizTransactions: tx(Event{}, "1").BizTransactions}
	if e := FromFacts(7, f); e.Location != site("door") || e.Row != 7 || len(e.Objects) != 1 || !slices.Equal(e.BizTransactions, f.BizTransactions) {
		t.Errorf("FromFacts without bizLocation = %+v", e)
	}
	f.BizLocation = site("store")
	if e := FromFacts(7, f); e.Location != site("store") {
		t.Errorf("location %q, want the bizLocation", e.Location)
	}
}

// TestRecordTransactions: a record keeps the hashes of up to maxTransactions business
// transactions, leaves out empty ones, and the fields before them read back whole.
func TestRecordTransactions(t *testing.T) {
	for _, n := range []int{0, 3, maxTransactions + 9} {
		e := ship(1, 1, site("a"), site("b"), kg("A", 2))
		e.TransformationID = "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"
		e.BizTransactions = []epcis.Typed{{Value: ""}}
		for i := range n {
			e.BizTransactions = append(e.BizTransactions, epcis.Typed{Value: fmt.Sprintf("urn:shejian:desadv:%d", i)})
		}
		ix := mustIndex(t, []Event{e})
		var r record
		ix.decode(ix.recs.at(0), &r)
		want := make([]uint32, 0, n)
		for _, b := range e.BizTransactions[1 : min(n, maxTransactions)+1] {
			want = append(want, ix.ids.tag(b.Value))
		}
		if !slices.Equal(r.txs, want) {
			t.Errorf("%d transactions: kept %x, want %x", n, r.txs, want)
		}
		if ix.ids.str(r.src) != site("a") || ix.ids.str(r.dest) != site("b") || ix.ids.str(r.xform) != e.TransformationID ||
			len(r.objs) != 1 || r.objs[0].qty != 2 {
			t.Errorf("%d transactions: record %+v", n, r)
		}
	}
}
