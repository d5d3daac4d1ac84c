package inspect

import (
	"testing"

	"github.com/shejian/shejian/internal/rules"
)

func TestDefaultsCoverEveryAreaOfTheirSector(t *testing.T) {
	defaults, err := DefaultTemplates(ResultRule{MaxGeneralFailures: 8})
	if err != nil {
		t.Fatal(err)
	}
	wantAreas := map[Sector]int{SectorProduction: 12, SectorSales: 17, SectorCatering: 8, SectorHealthFood: 16,
		SectorSmallWorkshop: 12, SectorSmallEatery: 8, SectorStreetVendor: 8}
	if len(defaults) != len(Sectors) {
		t.Fatalf("%d defaults for %d sectors", len(defaults), len(Sectors))
	}
	for _, c := range defaults {
		t.Run(string(c.Sector), func(t *testing.T) {
			areas := Areas(c.Sector)
			if len(areas) != wantAreas[c.Sector] {
				t.Fatalf("%d areas, Order 49 lists %d", len(areas), wantAreas[c.Sector])
			}
			covered := map[string]bool{}
			for _, it := range c.Items {
				covered[it.Area] = true
				if it.Confidence != rules.Unverified || it.LegalBasis == "" {
					t.Errorf("item %s: confidence %q, basis %q: defaults are [M] with a basis", it.Code, it.Confidence, it.LegalBasis)
				}
			}
			for _, a := range areas {
				if !covered[a.Code] {
					t.Errorf("area %s %s has no item", a.Code, a.ZH)
				}
			}
			small := c.Sector == SectorSmallWorkshop || c.Sector == SectorSmallEatery || c.Sector == SectorStreetVendor
			if c.Placeholder != small || c.KeyCount() == 0 || c.Basis == "" || c.Note == "" {
				t.Errorf("placeholder %v, %d key items, basis %q, note %q", c.Placeholder, c.KeyCount(), c.Basis, c.Note)
			}
		})
	}
}

func TestHealthFoodExtendsProduction(t *testing.T) {
	prod, err := defaultOf(string(SectorProduction))
	if err != nil {
		t.Fatal(err)
	}
	health, err := defaultOf(string(SectorHealthFood))
	if err != nil {
		t.Fatal(err)
	}
	if len(health.Items) <= len(prod.Items) || health.Items[0] != prod.Items[0] {
		t.Fatalf("health food has %d items, production %d", len(health.Items), len(prod.Items))
	}
}
