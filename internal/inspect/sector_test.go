package inspect

import (
	"testing"

	"github.com/shejian/shejian/internal/registry"
)

func TestSectorOf(t *testing.T) {
	for _, c := range []struct {
		category registry.CategoryCode
		sector   Sector
		ok       bool
	}{
		{registry.CategoryProduction, SectorProduction, true},
		{registry.CategorySales, SectorSales, true},
		{registry.CategoryMarket, SectorSales, true},
		{registry.CategoryStall, SectorSales, true},
		{registry.CategoryCatering, SectorCatering, true},
		{registry.CategorySpecialFood, SectorHealthFood, true},
		{registry.CategorySmallWorkshop, SectorSmallWorkshop, true},
		{registry.CategorySmallEatery, SectorSmallEatery, true},
		{registry.CategoryStreetVendor, SectorStreetVendor, true},
		{registry.CategoryFarm, "", false},
	} {
		if got, ok := SectorOf(c.category); got != c.sector || ok != c.ok {
			t.Errorf("SectorOf(%s) = %s, %v; want %s, %v", c.category, got, ok, c.sector, c.ok)
		}
	}
}
