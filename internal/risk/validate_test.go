package risk

import (
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

// TestValidateRequiresWhatTheTableScores: factors that leave out what their sector's table
// scores are refused, each missing factor named with the rule, instead of grading low.
func TestValidateRequiresWhatTheTableScores(t *testing.T) {
	tests := []struct {
		name    string
		factors StaticFactors
		missing string // fields with rule risk_sector_needs, in order
	}{
		{"catering with nothing", StaticFactors{Sector: SectorCatering}, "risk_catering_format risk_catering_classes"},
		{"restaurant without its area", StaticFactors{Sector: SectorCatering, CateringFormat: FormatRestaurant, Diners: 300,
			CateringClasses: []string{"hot"}}, "risk_floor_area"},
		{"canteen without its diners", StaticFactors{Sector: SectorCatering, CateringFormat: FormatCanteen, FloorArea: 300,
			CateringClasses: []string{"hot"}}, "risk_diners"},
		{"group meals without classes", StaticFactors{Sector: SectorCatering, CateringFormat: FormatGroupMeal, Diners: 900}, "risk_catering_classes"},
		{"restaurant complete", StaticFactors{Sector: SectorCatering, CateringFormat: FormatRestaurant, FloorArea: 80,
			CateringClasses: []string{"hot"}}, ""},
		{"shop with nothing", StaticFactors{Sector: SectorSales}, "risk_floor_area risk_product_counts risk_suppliers"},
		{"shop without goods", StaticFactors{Sector: SectorSales, FloorArea: 50, Suppliers: 3}, "risk_product_counts"},
		{"shop selling frozen goods only", StaticFactors{Sector: SectorSales, FloorArea: 50, BulkFrozen: 4, Suppliers: 3}, ""},
		{"health food with nothing", StaticFactors{Sector: SectorHealthFood},
			"risk_health_material risk_health_formula risk_health_function risk_health_storage"},
		{"health food suitable for all", StaticFactors{Sector: SectorHealthFood, HealthMaterial: "other", HealthFormula: "simple",
			HealthFunction: "other", HealthStorage: "ambient"}, ""},
		{"producer without a licence category", StaticFactors{Sector: SectorProduction}, "risk_product_categories"},
		{"producer", producer("candy"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range apperr.From(tt.factors.Validate()).Fields {
				if f.Rule != ruleSectorNeeds || f.Params["sector"] != string(tt.factors.Sector) {
					t.Errorf("field %s: rule %s %v", f.Field, f.Rule, f.Params)
				}
				got = append(got, f.Field)
			}
			if strings.Join(got, " ") != tt.missing {
				t.Errorf("missing %q, want %q", strings.Join(got, " "), tt.missing)
			}
		})
	}
}

// TestRegistryAndDemoFactorsAreValid: the factors read from the registry and the demo
// city's pass the rule that the bureau's own must pass.
func TestRegistryAndDemoFactorsAreValid(t *testing.T) {
	for _, c := range registry.Categories {
		for _, kind := range c.Kinds {
			for id, products := range []int{0, 400} { // a market is listed without goods
				b := &registry.Business{ID: int64(id), Category: c.Code, Kind: kind, FloorArea: 30, ProductCount: products, DailyDiners: 80, SupplierCount: 4}
				f, ok := RegistryFactors(b)
				if !ok {
					continue
				}
				if err := f.Validate(); err != nil && products > 0 {
					t.Errorf("%s/%s from the registry: %v %+v", c.Code, kind, err, apperr.From(err).Fields)
				}
				for seed := range uint64(40) {
					if f, _, _ := DemoRecord(seed, b, gradingDay); f.Validate() != nil {
						t.Fatalf("%s/%s demo seed %d: %+v", c.Code, kind, seed, apperr.From(f.Validate()).Fields)
					}
				}
			}
		}
	}
}
