package synth

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// TestSmallChain checks the fixture: its documents pass capture's validation and the
// ledger, write lots both ways, and withdraw the event it says; and its hand-made answers
// equal what a plain trace following the rules of the package doc finds.
func TestSmallChain(t *testing.T) {
	fx, err := SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	events := decodeAll(t, fx.Documents, fx.Now)
	if len(events) != 29 || len(fx.Documents) != 3 {
		t.Errorf("%d events in %d documents; the package doc says 29 in 3", len(events), len(fx.Documents))
	}
	if err := newLedger(fx.Now).replay(events); err != nil {
		t.Fatal(err)
	}
	all := bytes.Join(fx.Documents, nil)
	if !bytes.Contains(all, []byte(lgtinURNPrefix)) || !bytes.Contains(all, []byte(gtinLinkPrefix)) {
		t.Error("the fixture does not write lots both as URNs and as Digital Links")
	}
	gone, _ := withdrawn(events)
	if len(gone) != len(fx.Withdrawn) || !gone[fx.Withdrawn[0].ID] {
		t.Errorf("withdrawn %v, declared %v", fx.Withdrawn, gone)
	}
	if len(fx.Cases) != 3 {
		t.Fatalf("%d cases", len(fx.Cases))
	}
	for _, tc := range fx.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			back := newRefTrace(events)
			back.backward(tc.Lot)
			assertIDs(t, "backward", tc.Backward, back.ids)
			fwd := newRefTrace(events)
			fwd.forward(tc.Lot)
			assertIDs(t, "forward", tc.Forward, fwd.ids)
			var want, got []string
			for _, r := range tc.Recall {
				want = append(want, fmt.Sprintf("%s %s %v %q %s", r.Business.Location(), r.Lot, r.Quantity, r.UOM, r.First.UTC()))
			}
			for n, r := range fwd.reach {
				got = append(got, fmt.Sprintf("%s %s %v %q %s", n.place, n.lot, r.quantity, r.uom, r.first.UTC()))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("recall:\nwant %q\n got %q", want, got)
			}
		})
	}
}

// assertIDs compares the fixture's events with the IDs a trace found.
func assertIDs(t *testing.T, what string, want []EventRef, got map[string]bool) {
	t.Helper()
	wantIDs := map[string]bool{}
	for _, ref := range want {
		wantIDs[ref.ID] = true
		if !got[ref.ID] {
			t.Errorf("%s misses %s", what, ref.What)
		}
	}
	if len(wantIDs) != len(want) {
		t.Errorf("%s names an event twice", what)
	}
	for _, id := range slices.Sorted(maps.Keys(got)) {
		if !wantIDs[id] {
			t.Errorf("%s also finds %s", what, id)
		}
	}
}
