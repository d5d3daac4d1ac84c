package risk

import (
	"reflect"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/registry"
)

func TestDemoRecordIsDeterministicAndSpread(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	kinds := []struct {
		category registry.CategoryCode
		kind     string
	}{{registry.CategorySales, "supermarket"}, {registry.CategoryCatering, "restaurant"}, {registry.CategoryProduction, "meat"},
		{registry.CategorySpecialFood, "health_food"}, {registry.CategoryStall, "aquatic"}}
	grades := map[Grade]int{}
	for id := range int64(2000) {
		k := kinds[id%int64(len(kinds))]
		b := &registry.Business{ID: id, Category: k.category, Kind: k.kind, FloorArea: float64(50 + id%900), ProductCount: int(100 + id%3000),
			DailyDiners: int(id % 800), SupplierCount: int(id % 120)}
		f, ev, ok := DemoRecord(42, b, gradingDay)
		f2, ev2, _ := DemoRecord(42, b, gradingDay)
		if !ok || !reflect.DeepEqual(f, f2) || !reflect.DeepEqual(ev, ev2) {
			t.Fatalf("business %d: not deterministic", id)
		}
		r, err := s.Grade(Input{BusinessID: id, Factors: f, Events: ev})
		if err != nil {
			t.Fatal(err)
		}
		grades[r.Grade]++
	}
	for _, g := range Grades {
		if grades[g] == 0 {
			t.Errorf("no demo business graded %s: %v", g, grades)
		}
	}
	t.Logf("demo grades: %v", grades)
}

// TestDemoRecordRepeatsItsFindings: a demo business found non-compliant is found so again
// more often than one found compliant, as a real city's record does, so that predictive
// targeting has something to learn from the demo city.
func TestDemoRecordRepeatsItsFindings(t *testing.T) {
	var after [2]struct{ inspections, found int } // after an inspection that found none, after one that found it
	for id := range int64(3000) {
		_, events, _ := DemoRecord(42, &registry.Business{ID: id, Category: registry.CategorySales, Kind: "supermarket"}, gradingDay)
		slices.SortStableFunc(events, func(a, b Event) int { return a.On.Compare(b.On) })
		previous := -1
		for _, e := range events {
			if e.Kind != EventInspection {
				continue
			}
			found := 0
			if e.Result == ResultNonCompliant {
				found = 1
			}
			if previous >= 0 {
				after[previous].inspections++
				after[previous].found += found
			}
			previous = found
		}
	}
	rate := func(i int) float64 { return float64(after[i].found) / float64(after[i].inspections) }
	if rate(1) < 3*rate(0) {
		t.Fatalf("non-compliant after a non-compliant inspection %.3f, after a compliant one %.3f: want at least three times", rate(1), rate(0))
	}
}
