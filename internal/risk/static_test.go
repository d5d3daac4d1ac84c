package risk

import (
	"errors"
	"strings"
	"testing"
)

func TestStaticPoints(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	tests := []struct {
		name    string
		factors StaticFactors
		want    float64
	}{
		{"small shop", StaticFactors{Sector: SectorSales, FloorArea: 120, PrepackedAmbient: 300, Suppliers: 20}, 1 + 0.5 + 2},
		{"shop at the bounds", StaticFactors{Sector: SectorSales, FloorArea: 200, PrepackedChilled: 101, BulkChilled: 29, Suppliers: 50}, 1 + 3 + 6 + 2},
		{"shop above the bounds", StaticFactors{Sector: SectorSales, FloorArea: 200.5, PrepackedChilled: 1001, BulkChilled: 30, Suppliers: 51}, 2 + 7 + 6.5 + 3},
		{"hypermarket scores the whole table", StaticFactors{Sector: SectorSales, FloorArea: 5000, PrepackedAmbient: 20000, PrepackedChilled: 2000,
			PrepackedFrozen: 900, BulkAmbient: 900, BulkChilled: 200, BulkFrozen: 300, Suppliers: 400}, 40},
		{"restaurant", StaticFactors{Sector: SectorCatering, CateringFormat: FormatRestaurant, FloorArea: 600, CateringClasses: []string{"hot", "cold"}}, 6 + 6 + 8},
		{"school canteen", StaticFactors{Sector: SectorCatering, CateringFormat: FormatCanteen, Diners: 501, CateringClasses: []string{"hot"}}, 10 + 6},
		{"group meals", StaticFactors{Sector: SectorCatering, CateringFormat: FormatGroupMeal, Diners: 1000}, 7},
		{"health food", StaticFactors{Sector: SectorHealthFood, HealthMaterial: "extract", HealthFormula: "complex",
			HealthFunction: "adulteration_prone", UnsuitableGroups: 4, HealthStorage: "cold"}, 40},
		{"health food, low", StaticFactors{Sector: SectorHealthFood, HealthMaterial: "vitamin_mineral", HealthFormula: "simple",
			HealthFunction: "other", UnsuitableGroups: 1, HealthStorage: "ambient"}, 10 + 3 + 7 + 1 + 3},
		{"producer takes its highest category", producer("grain_wheat_rice", "dairy", "candy"), 26},
		{"producer of rice", producer("grain_wheat_rice"), 13.5},
		{"unknown category scores nothing", producer("moon_cheese"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := s.scoreStatic(tt.factors, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := total(lines); got != tt.want {
				t.Errorf("static = %v, want %v; lines %+v", got, tt.want, lines)
			}
			for _, l := range lines {
				if l.Key == "" || l.Ref == "" || l.Basis == "" || l.Confidence == "" {
					t.Errorf("line without its rule: %+v", l)
				}
			}
		})
	}
	if _, err := s.scoreStatic(StaticFactors{Sector: "farm"}, nil); !errors.Is(err, ErrNoSector) {
		t.Errorf("a sector without a table: got %v", err)
	}
}

// TestTablesFitTheStaticMaximum: the highest points of each sector's table add up to the
// static maximum of 40, as in the annex, so that no cap hides a data error.
func TestTablesFitTheStaticMaximum(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	var sales, catering, health float64
	for _, tb := range s.Sales {
		sales += tb.Max()
	}
	for _, p := range s.CateringClasses {
		catering += p.Value
	}
	catering += s.CateringFormats[FormatRestaurant].Max()
	highest := map[string]float64{}
	for k, p := range s.HealthOptions {
		group, _, _ := strings.Cut(k, ".")
		highest[group] = max(highest[group], p.Value)
	}
	for _, v := range highest {
		health += v
	}
	health += s.HealthUnsuitable.Max()
	for name, got := range map[string]float64{"sales": sales, "catering": catering, "health food": health} {
		if got != s.StaticMax.Value {
			t.Errorf("%s tables reach %v points, want %v", name, got, s.StaticMax.Value)
		}
	}
	for c, p := range s.ProductionPoints {
		if p.Value > s.StaticMax.Value {
			t.Errorf("category %s scores %v, above the static maximum", c, p.Value)
		}
	}
}

func TestStaticCapIsALine(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	s.StaticMax.Value = 10
	lines, _ := s.scoreStatic(producer("dairy"), nil)
	if got := total(lines); got != 10 || lines[len(lines)-1].Note != "cap" || lines[len(lines)-1].Points != -16 {
		t.Errorf("capped lines %+v add to %v, want 10 with a cap line of -16", lines, got)
	}
}
