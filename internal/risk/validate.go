package risk

import (
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
)

// Validate checks factors as a user or an import gives them: a known sector, every factor
// its scoring table needs (requireForSector), no negative count or area, and options of the
// lists. Field errors name the field ("risk_<json name>") and the rule.
func (f StaticFactors) Validate() error {
	var c apperr.Collector
	oneOf(&c, "risk_sector", string(f.Sector), sectorNames(), true)
	f.requireForSector(&c)
	if f.FloorArea < 0 {
		c.Add("risk_floor_area", "min", map[string]any{"min": 0})
	}
	for _, n := range []struct {
		name  string
		value int
	}{{"prepacked_ambient", f.PrepackedAmbient}, {"prepacked_chilled", f.PrepackedChilled}, {"prepacked_frozen", f.PrepackedFrozen},
		{"bulk_ambient", f.BulkAmbient}, {"bulk_chilled", f.BulkChilled}, {"bulk_frozen", f.BulkFrozen},
		{"suppliers", f.Suppliers}, {"diners", f.Diners}, {"unsuitable_groups", f.UnsuitableGroups}} {
		if n.value < 0 {
			c.Add("risk_"+n.name, "min", map[string]any{"min": 0})
		}
	}
	oneOf(&c, "risk_catering_format", f.CateringFormat, []string{FormatRestaurant, FormatCanteen, FormatGroupMeal}, false)
	for _, v := range f.CateringClasses {
		oneOf(&c, "risk_catering_classes", v, CateringClasses, true)
	}
	oneOf(&c, "risk_health_material", f.HealthMaterial, HealthMaterials, false)
	oneOf(&c, "risk_health_formula", f.HealthFormula, HealthFormulas, false)
	oneOf(&c, "risk_health_function", f.HealthFunction, HealthFunctions, false)
	oneOf(&c, "risk_health_storage", f.HealthStorage, HealthStorages, false)
	for _, v := range f.ProductCategories {
		oneOf(&c, "risk_product_categories", v, ProductionCategories, true)
	}
	return c.Err()
}

// oneOf adds a field error when v is not one of values; an empty v is fine unless required.
func oneOf(c *apperr.Collector, field, v string, values []string, required bool) {
	switch {
	case v == "" && required:
		c.Add(field, "required", nil)
	case v != "" && !slices.Contains(values, v):
		c.Add(field, "one_of", map[string]any{"values": strings.Join(values, ", ")})
	}
}

func sectorNames() []string {
	out := make([]string, len(Sectors))
	for i, s := range Sectors {
		out[i] = string(s)
	}
	return out
}
