package risk

import (
	"reflect"
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
