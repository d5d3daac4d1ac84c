package risk

import "github.com/shejian/shejian/internal/registry"

// kindFactor is how a registry kind (业态) reads as static factors, until the bureau records
// the business's own: its sector and, by sector, the licence category, the catering format
// and classes served, or whether stalls sell chilled goods.
type kindFactor struct {
	sector   Sector
	category string   // production licence category
	format   string   // catering format
	classes  []string // catering classes
	chilled  bool     // a stall of fresh meat or fish: its goods count as bulk chilled
}

var hot, hotCold = []string{"hot"}, []string{"hot", "cold"}

// kindFactors maps category/kind of the registry to factors.
var kindFactors = map[registry.CategoryCode]map[string]kindFactor{
	registry.CategoryProduction: {
		"grain": {sector: SectorProduction, category: "grain_wheat_rice"}, "meat": {sector: SectorProduction, category: "meat"},
		"dairy": {sector: SectorProduction, category: "dairy"}, "beverage": {sector: SectorProduction, category: "beverage"},
		"condiment": {sector: SectorProduction, category: "condiment"}, "bakery": {sector: SectorProduction, category: "pastry"},
		"frozen": {sector: SectorProduction, category: "quick_frozen"}, "other": {sector: SectorProduction, category: "other"},
	},
	registry.CategorySpecialFood: {
		"health_food":     {sector: SectorHealthFood},
		"infant_formula":  {sector: SectorProduction, category: "infant_formula"},
		"medical_formula": {sector: SectorProduction, category: "medical_formula"},
	},
	registry.CategorySmallWorkshop: {
		"noodles": {sector: SectorProduction, category: "grain_other"}, "tofu": {sector: SectorProduction, category: "soy"},
		"pastry": {sector: SectorProduction, category: "pastry"}, "oil_press": {sector: SectorProduction, category: "edible_oil"},
		"liquor": {sector: SectorProduction, category: "liquor"}, "other": {sector: SectorProduction, category: "other"},
	},
	registry.CategoryCatering: {
		"restaurant":      {sector: SectorCatering, format: FormatRestaurant, classes: hotCold},
		"fast_food":       {sector: SectorCatering, format: FormatRestaurant, classes: hot},
		"snack":           {sector: SectorCatering, format: FormatRestaurant, classes: []string{"hot", "pastry"}},
		"drinks":          {sector: SectorCatering, format: FormatRestaurant, classes: []string{"drinks"}},
		"school_canteen":  {sector: SectorCatering, format: FormatCanteen, classes: hot},
		"unit_canteen":    {sector: SectorCatering, format: FormatCanteen, classes: hot},
		"central_kitchen": {sector: SectorCatering, format: FormatGroupMeal, classes: hotCold},
		"group_meal":      {sector: SectorCatering, format: FormatGroupMeal, classes: hotCold},
	},
	registry.CategoryStall: {
		"meat": {sector: SectorSales, chilled: true}, "aquatic": {sector: SectorSales, chilled: true},
	},
}

// sectorOf gives the sector of a category whose kinds all read alike; farms (no licence)
// have none.
var sectorOf = map[registry.CategoryCode]kindFactor{
	registry.CategorySales:        {sector: SectorSales},
	registry.CategoryMarket:       {sector: SectorSales},
	registry.CategoryStall:        {sector: SectorSales},
	registry.CategorySmallEatery:  {sector: SectorCatering, format: FormatRestaurant, classes: hot},
	registry.CategoryStreetVendor: {sector: SectorCatering, format: FormatRestaurant, classes: hot},
}

// RegistryFactors reads what the registry knows of b as static factors: the fallback for a
// business whose factors the bureau has not recorded. ok is false for a business without a
// static table (a farm).
func RegistryFactors(b *registry.Business) (StaticFactors, bool) {
	k, ok := kindFactors[b.Category][b.Kind]
	if !ok {
		k, ok = sectorOf[b.Category]
	}
	if !ok {
		return StaticFactors{}, false
	}
	f := StaticFactors{Sector: k.sector, FloorArea: b.FloorArea, Suppliers: b.SupplierCount,
		CateringFormat: k.format, CateringClasses: k.classes, Diners: b.DailyDiners}
	switch {
	case k.category != "":
		f.ProductCategories = []string{k.category}
	case k.chilled:
		f.BulkChilled = b.ProductCount
	case b.Category == registry.CategoryStall:
		f.BulkAmbient = b.ProductCount
	case k.sector == SectorSales:
		f.PrepackedAmbient = b.ProductCount
	case k.sector == SectorHealthFood:
		f.HealthMaterial, f.HealthFormula, f.HealthFunction, f.HealthStorage = "other", "simple", "other", "ambient"
	}
	return f, true
}
