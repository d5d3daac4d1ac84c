package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestRecall: the recall scope of a lot lists exactly the places its forward trace reached,
// with what arrived there, the first and last hour and the rows.
func TestRecall(t *testing.T) {
	tests := []struct {
		name    string
		events  []Event
		retract []int64
		id      string
		places  []string
	}{
		{
			name: "receipts count, a shipment counts where nothing was received", events: threeBusinesses(), id: lot("A"),
			places: []string{
				"farm 1-2 rows [1 2] ids [A]",
				"market 2-6 rows [2 3 4 6] 100 KGM ids [A]",
				"shop 4-5 rows [4 5] 40 KGM ids [A]",
				"canteen 6-6 rows [6] 60 KGM ids [A]",
			},
		},
		{
			name: "the output of a transformation is recalled with its input", events: twoIntoOne(), id: lot("A"),
			places: []string{
				"farm1 0-0 rows [6] ids [A]",
				"plant 0-5 rows [6 1 3 4 5] 60 KGM ids [A C]",
				"shop 4-4 rows [4] 70 KGM ids [C]",
				"other 5-5 rows [5] 10 KGM ids [A]",
			},
		},
		{
			name: "the inputs of the lot's making are not recalled with it", events: splitTransformation(), id: lot("C"),
			places: []string{
				"plant 4-5 rows [4 5] ids [C]",
				"shop 5-5 rows [5] 70 KGM ids [C]",
			},
		},
		{
			name: "a pallet carries the lot's quantity", events: palletised(), id: lot("L"),
			places: []string{
				"dc 1-3 rows [1 4 5] 100 KGM ids [L]",
				"shop 3-6 rows [5 6 7 9] 100 KGM ids [L]",
			},
		},
		{
			name: "items count as pieces", events: retail(), id: sgtin("I"),
			places: []string{
				"plant 1-2 rows [1 2] ids [I]",
				"shop 2-4 rows [2 3 4] 1 ids [I]",
			},
		},
		{
			name: "a retracted shipment reaches no place", events: corrected(), retract: []int64{2, 4}, id: lot("A"),
			places: []string{
				"farm 1-3 rows [1 3] ids [A]",
				"market 3-3 rows [3] 100 KGM ids [A]",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := mustIndex(t, tt.events, tt.retract...)
			got, err := ix.Recall(tt.id, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if lines := placeLines(got.Places); !slices.Equal(lines, tt.places) {
				t.Errorf("places\n got %q\nwant %q", lines, tt.places)
			}
			if got.ID != tt.id || got.Truncated {
				t.Errorf("ID %q truncated %v, want %q and false", got.ID, got.Truncated, tt.id)
			}
		})
	}
}

// placeLines writes places as "location first-last rows [..] quantities ids [..]", with the
// hours of the first and last step.
func placeLines(places []Place) []string {
	out := make([]string, len(places))
	for i, p := range places {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d-%d rows %v", short(p.Location), p.First.Hour(), p.Last.Hour(), p.Rows)
		for _, q := range p.Quantities {
			fmt.Fprintf(&b, " %g", q.Amount)
			if q.UOM != "" {
				b.WriteString(" " + q.UOM)
			}
		}
		ids := make([]string, len(p.IDs))
		for j, id := range p.IDs {
			ids[j] = short(id)
		}
		fmt.Fprintf(&b, " ids %v", ids)
		out[i] = b.String()
	}
	return out
}
