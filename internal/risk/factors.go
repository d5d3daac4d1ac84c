package risk

// Sector says which static scoring table (静态风险因素量化分值表) applies to a business.
type Sector string

// The sectors with a static table.
const (
	SectorSales      Sector = "sales"       // 食品销售
	SectorCatering   Sector = "catering"    // 餐饮服务
	SectorHealthFood Sector = "health_food" // 保健食品生产
	SectorProduction Sector = "production"  // 食品、食品添加剂生产
)

// Sectors lists the sectors.
var Sectors = []Sector{SectorSales, SectorCatering, SectorHealthFood, SectorProduction}

// Catering formats (业态) scored by size.
const (
	FormatRestaurant = "restaurant" // 餐馆, by floor area
	FormatCanteen    = "canteen"    // 学校、托幼机构食堂, by diners
	FormatGroupMeal  = "group_meal" // 集体用餐配送单位 and central kitchens, by diners
)

// CateringClasses are the catering classes (类别) that score points when served.
var CateringClasses = []string{"cold", "raw", "pastry", "hot", "drinks", "other"}

// Health-food options: each factor is scored at the highest applicable category.
var (
	HealthMaterials = []string{"extract", "probiotic", "vitamin_mineral", "other"}
	HealthFormulas  = []string{"complex", "simple"}
	HealthFunctions = []string{"adulteration_prone", "other"}
	HealthStorages  = []string{"cold", "ambient"}
)

// StaticFactors are the facts about a business that its static points are scored from. They
// belong to risk, not to the registry: the bureau records them at licensing or inspection.
// A count or an area of 0 means the item is absent and scores nothing.
type StaticFactors struct {
	Sector Sector `json:"sector"`

	FloorArea        float64 `json:"floor_area,omitempty"`        // m², sales and restaurants
	PrepackedAmbient int     `json:"prepacked_ambient,omitempty"` // 预包装 常温 SKUs
	PrepackedChilled int     `json:"prepacked_chilled,omitempty"` // 预包装 冷藏
	PrepackedFrozen  int     `json:"prepacked_frozen,omitempty"`  // 预包装 冷冻
	BulkAmbient      int     `json:"bulk_ambient,omitempty"`      // 散装 常温
	BulkChilled      int     `json:"bulk_chilled,omitempty"`      // 散装 冷藏
	BulkFrozen       int     `json:"bulk_frozen,omitempty"`       // 散装 冷冻
	Suppliers        int     `json:"suppliers,omitempty"`         // 供货者数量

	CateringFormat  string   `json:"catering_format,omitempty"`  // restaurant, canteen, group_meal
	Diners          int      `json:"diners,omitempty"`           // meals served a day
	CateringClasses []string `json:"catering_classes,omitempty"` // classes served

	HealthMaterial   string `json:"health_material,omitempty"`
	HealthFormula    string `json:"health_formula,omitempty"`
	HealthFunction   string `json:"health_function,omitempty"`
	UnsuitableGroups int    `json:"unsuitable_groups,omitempty"` // groups the product is unsuitable for
	HealthStorage    string `json:"health_storage,omitempty"`

	ProductCategories []string `json:"product_categories,omitempty"` // production licence categories held
}

// skus counts a shop's products (单品), prepackaged and bulk, of every storage class.
func (f StaticFactors) skus() int {
	return f.PrepackedAmbient + f.PrepackedChilled + f.PrepackedFrozen + f.BulkAmbient + f.BulkChilled + f.BulkFrozen
}

// ProductionCategories are the production licence categories (食品生产许可分类) with static
// points in the rule book.
var ProductionCategories = []string{"grain_wheat_rice", "grain_other", "edible_oil", "condiment", "meat", "dairy",
	"beverage", "convenience", "biscuit", "canned", "frozen_drink", "quick_frozen", "puffed", "candy", "tea", "liquor",
	"vegetable", "fruit", "nuts", "egg", "cocoa_coffee", "sugar", "aquatic", "starch", "pastry", "soy", "bee",
	"medical_formula", "infant_formula", "special_diet", "other", "additive"}

// specialFoodCategories are the production categories of special foods (特殊食品), whose
// makers are priority inspection targets.
var specialFoodCategories = []string{"medical_formula", "infant_formula", "special_diet"}
