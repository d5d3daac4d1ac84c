package risk

import (
	"context"
	"errors"
	"testing"

	"github.com/shejian/shejian/internal/registry"
)

// demoInputs returns n demo inputs of mixed kinds, business ids 1…n.
func demoInputs(n int) []Input {
	kinds := []struct {
		category registry.CategoryCode
		kind     string
	}{{registry.CategorySales, "supermarket"}, {registry.CategoryCatering, "restaurant"}, {registry.CategoryProduction, "dairy"},
		{registry.CategorySpecialFood, "health_food"}, {registry.CategoryCatering, "school_canteen"}, {registry.CategoryStall, "meat"}}
	out := make([]Input, n)
	for i := range out {
		k := kinds[i%len(kinds)]
		b := &registry.Business{ID: int64(i + 1), Category: k.category, Kind: k.kind, FloorArea: float64(40 + i%2000),
			ProductCount: 50 + i%5000, DailyDiners: i % 900, SupplierCount: i % 350}
		f, ev, _ := DemoRecord(7, b, gradingDay)
		out[i] = Input{BusinessID: b.ID, Factors: f, Events: ev}
	}
	return out
}

func TestRecomputeGradesEveryBusinessOnce(t *testing.T) {
	s2016, s2022 := mustScheme(t, Scheme2016), mustScheme(t, Scheme2022Draft)
	inputs := demoInputs(5000)
	for _, schemes := range []Schemes{{Default: s2016}, {Default: s2016, Producers: s2022}} {
		seen := make([]int, len(inputs))
		var last, calls int
		err := Recompute(context.Background(), schemes, len(inputs), func(i int) Input { return inputs[i] },
			func(first int, graded []Graded) error {
				for j, g := range graded {
					if g.Err != nil || g.Result.BusinessID != int64(first+j+1) {
						t.Fatalf("input %d: %+v %v", first+j, g.Result.BusinessID, g.Err)
					}
					want, _ := schemes.For(inputs[first+j].Factors.Sector).Grade(inputs[first+j])
					if g.Result.Grade != want.Grade || g.Result.Scheme != want.Scheme {
						t.Fatalf("input %d: %s under %s, want %s under %s", first+j, g.Result.Grade, g.Result.Scheme, want.Grade, want.Scheme)
					}
					seen[first+j]++
				}
				return nil
			}, func(done, total int) {
				if done <= last || total != len(inputs) {
					t.Errorf("progress %d/%d after %d", done, total, last)
				}
				last, calls = done, calls+1
			})
		if err != nil || last != len(inputs) || calls != (len(inputs)+chunk-1)/chunk {
			t.Fatalf("recompute: %v, progress ended at %d after %d calls", err, last, calls)
		}
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("input %d graded %d times", i, n)
			}
		}
	}
}

func TestRecomputeStopsOnOutputError(t *testing.T) {
	boom := errors.New("disk full")
	err := Recompute(context.Background(), Schemes{Default: mustScheme(t, Scheme2016)}, 100000,
		func(i int) Input { return Input{BusinessID: int64(i), Factors: producer("candy")} },
		func(int, []Graded) error { return boom }, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the output's error", err)
	}
}
