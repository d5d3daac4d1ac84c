package synth

import (
	"slices"
	"strings"
	"testing"
)

// createdLots returns the lots the events create: harvested and made by transformations.
func createdLots(events []decoded) map[string]bool {
	out := map[string]bool{}
	for _, e := range events {
		list := e.OutputQuantityList
		if e.BizStep == "commissioning" && e.Type == "ObjectEvent" {
			list = e.QuantityList
		}
		for _, q := range list {
			out[q.EPCClass] = true
		}
	}
	return out
}

// TestLots: Lots draws distinct lots the documents create, in canonical Digital Link
// form, the same ones for the same seed, and all of them when asked for more.
func TestLots(t *testing.T) {
	for _, tc := range []struct {
		name   string
		events int
		k      int
	}{
		{"some of many", 5000, 40},
		{"all of few", 30, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Config{Events: tc.events, Seed: 11})
			created := createdLots(decodeAll(t, generate(t, c.Config(), 500), c.Config().End))
			if len(created) == 0 {
				t.Fatal("the documents create no lot")
			}
			lots := c.Lots(tc.k, 1)
			if want := min(tc.k, len(created)); len(lots) != want {
				t.Fatalf("%d lots, want %d", len(lots), want)
			}
			seen := map[string]bool{}
			for _, l := range lots {
				if !created[l] || seen[l] || !strings.HasPrefix(l, gtinLinkPrefix) {
					t.Errorf("lot %s: not created in the documents, drawn twice or not a Digital Link", l)
				}
				seen[l] = true
			}
			if again := c.Lots(tc.k, 1); !slices.Equal(lots, again) {
				t.Error("the same seed drew other lots")
			}
			if none := c.Lots(0, 1); len(none) != 0 {
				t.Errorf("asked for no lot, got %d", len(none))
			}
			if other := c.Lots(tc.k, 2); tc.k < len(created) && slices.Equal(lots, other) {
				t.Error("another seed drew the same lots in the same order")
			}
		})
	}
}
