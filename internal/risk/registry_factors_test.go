package risk

import (
	"testing"

	"github.com/shejian/shejian/internal/registry"
)

// TestEveryRegistryKindHasFactors: every kind of every category but farms reads as static
// factors that the 2016 scheme grades.
func TestEveryRegistryKindHasFactors(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	for _, c := range registry.Categories {
		for _, kind := range c.Kinds {
			b := &registry.Business{ID: 1, Category: c.Code, Kind: kind, FloorArea: 300, ProductCount: 400, DailyDiners: 200, SupplierCount: 30}
			f, ok := RegistryFactors(b)
			if c.Code == registry.CategoryFarm {
				if ok {
					t.Errorf("farm %s has factors %+v", kind, f)
				}
				continue
			}
			if !ok {
				t.Errorf("%s/%s has no factors", c.Code, kind)
				continue
			}
			r, err := s.Grade(Input{BusinessID: 1, Factors: f})
			if err != nil || r.Static <= 0 {
				t.Errorf("%s/%s: static %v, %v (%+v)", c.Code, kind, r.Static, err, f)
			}
		}
	}
}
