package graph

import (
	"maps"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/synth"
)

// TestSmallChain builds the index from the documents of synth's small chain, as storage
// would feed it, and checks every answer worked out by hand there: the events of each
// lot's backward and forward trace, and the places of its recall scope with the lots
// that were there, exactly.
func TestSmallChain(t *testing.T) {
	fx, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	ix, ids := indexDocuments(t, fx.Documents)
	if s := ix.Stats(); s.Retracted != len(fx.Withdrawn) {
		t.Errorf("%d events retracted, want the %d withdrawn", s.Retracted, len(fx.Withdrawn))
	}
	for _, c := range fx.Cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, dir := range []struct {
				name string
				walk func(string, Options) (Trace, error)
				want []synth.EventRef
			}{{"backward", ix.Backward, c.Backward}, {"forward", ix.Forward, c.Forward}} {
				tr, err := dir.walk(c.Lot, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if tr.Truncated || len(tr.Gaps) > 0 {
					t.Errorf("%s: truncated %v, gaps %v in a chain captured whole", dir.name, tr.Truncated, tr.Gaps)
				}
				got := map[string]bool{}
				for _, s := range tr.Steps {
					got[ids[s.Row]] = true
				}
				want := map[string]bool{}
				for _, e := range dir.want {
					want[e.ID] = true
					if !got[e.ID] {
						t.Errorf("%s misses %s", dir.name, e.What)
					}
				}
				for _, id := range slices.Sorted(maps.Keys(got)) {
					if !want[id] {
						t.Errorf("%s also has %s", dir.name, id)
					}
				}
			}
			scope, err := ix.Recall(c.Lot, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, p := range scope.Places {
				for _, id := range p.IDs {
					got = append(got, p.Location+" "+id)
				}
			}
			for _, r := range c.Recall {
				want = append(want, r.Business.Location()+" "+r.Lot)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("recall reaches\n %q\nwant %q", got, want)
			}
		})
	}
}

// indexDocuments adds the events of EPCIS documents to a new index, numbering rows in
// document order, as the loader does: an error declaration is not added, and the event
// it declares erroneous is retracted. It returns the index and each row's event ID (its
// eventID, else its Event Hash ID).
func indexDocuments(t *testing.T, docs [][]byte) (*Index, map[int64]string) {
	t.Helper()
	ix := New()
	ids, rows := map[int64]string{}, map[string]int64{}
	for _, doc := range docs {
		events, err := epcis.Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			f, err := e.Facts()
			if err != nil {
				t.Fatal(err)
			}
			if f.ErrorDeclaration != nil {
				row, ok := rows[f.EventID]
				if !ok {
					t.Fatalf("a declaration of %s, which is not captured", f.EventID)
				}
				ix.Retract(row)
				continue
			}
			id := f.EventID
			if id == "" {
				if id, err = e.HashID(); err != nil {
					t.Fatal(err)
				}
			}
			row := int64(len(ids) + 1)
			ids[row], rows[id] = id, row
			if err := ix.Add(FromFacts(row, f)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ix, ids
}
