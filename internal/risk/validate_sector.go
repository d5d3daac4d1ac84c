package risk

import "github.com/shejian/shejian/internal/apperr"

// ruleSectorNeeds is the rule a factor breaks when its sector's scoring table needs it and
// it is missing: left out, a factor scores nothing, and the business would grade lower than
// it should without anyone noticing.
const ruleSectorNeeds = "risk_sector_needs"

// requireForSector adds a field error for each factor the sector's static table
// (静态风险因素量化分值表) needs and f lacks. An area, a count of diners or suppliers counts
// as missing at 0; the product counts of a shop may each be 0 (an item it does not sell
// scores nothing, as the table says) but not all of them.
func (f StaticFactors) requireForSector(c *apperr.Collector) {
	need := func(field string, ok bool) {
		if !ok {
			c.Add(field, ruleSectorNeeds, map[string]any{"sector": string(f.Sector)})
		}
	}
	switch f.Sector {
	case SectorSales:
		need("risk_floor_area", f.FloorArea > 0)
		need("risk_product_counts", f.skus() > 0)
		need("risk_suppliers", f.Suppliers > 0)
	case SectorCatering:
		need("risk_catering_format", f.CateringFormat != "")
		switch f.CateringFormat {
		case FormatRestaurant:
			need("risk_floor_area", f.FloorArea > 0)
		case FormatCanteen, FormatGroupMeal:
			need("risk_diners", f.Diners > 0)
		}
		need("risk_catering_classes", len(f.CateringClasses) > 0)
	case SectorHealthFood:
		need("risk_health_material", f.HealthMaterial != "")
		need("risk_health_formula", f.HealthFormula != "")
		need("risk_health_function", f.HealthFunction != "")
		need("risk_health_storage", f.HealthStorage != "")
	case SectorProduction:
		need("risk_product_categories", len(f.ProductCategories) > 0)
	}
}
