package registry

// CategoryCode names a kind of food business from mission.md.
type CategoryCode string

// The business categories.
const (
	CategoryProduction    CategoryCode = "production"     // 食品生产
	CategorySales         CategoryCode = "sales"          // 食品销售
	CategoryCatering      CategoryCode = "catering"       // 餐饮服务 (incl. school canteens, central kitchens)
	CategoryMarket        CategoryCode = "market"         // 食用农产品集中交易市场
	CategoryStall         CategoryCode = "stall"          // 市场内经营户 (a stall in a market)
	CategorySpecialFood   CategoryCode = "special_food"   // 特殊食品 (保健食品, 婴幼儿配方, 特医) producers
	CategorySmallWorkshop CategoryCode = "small_workshop" // 食品小作坊
	CategorySmallEatery   CategoryCode = "small_eatery"   // 小餐饮
	CategoryStreetVendor  CategoryCode = "street_vendor"  // 食品小摊贩
	CategoryFarm          CategoryCode = "farm"           // 食用农产品生产者: 种植、养殖基地 (issue no food licence)
)

// LicenceKind says which document a category must hold.
type LicenceKind int

// Licence kinds.
const (
	LicenceNone       LicenceKind = iota // stalls: no own licence, the market is licensed
	LicenceProduction                    // SC 食品生产许可证
	LicenceOperation                     // JY 食品经营许可证
	LicenceFiling                        // provincial registration of the three smalls (登记/备案)
)

// Category describes one category: its licence and the kinds (业态) it has.
type Category struct {
	Code    CategoryCode
	Licence LicenceKind
	Kinds   []string
}

// Categories lists every category in display order.
var Categories = []Category{
	{CategoryProduction, LicenceProduction, []string{"grain", "meat", "dairy", "beverage", "condiment", "bakery", "frozen", "other"}},
	{CategorySales, LicenceOperation, []string{"supermarket", "convenience", "grocery", "online", "wholesale"}},
	{CategoryCatering, LicenceOperation, []string{"restaurant", "fast_food", "snack", "drinks", "school_canteen", "unit_canteen", "central_kitchen", "group_meal"}},
	{CategoryMarket, LicenceOperation, []string{"wholesale_market", "farmers_market"}},
	{CategoryStall, LicenceNone, []string{"vegetable", "meat", "aquatic", "fruit", "egg", "grain_oil"}},
	{CategorySpecialFood, LicenceProduction, []string{"health_food", "infant_formula", "medical_formula"}},
	{CategorySmallWorkshop, LicenceFiling, []string{"noodles", "tofu", "pastry", "oil_press", "liquor", "other"}},
	{CategorySmallEatery, LicenceFiling, []string{"noodle_shop", "breakfast", "snack"}},
	{CategoryStreetVendor, LicenceFiling, []string{"fixed_point", "mobile"}},
	{CategoryFarm, LicenceNone, []string{"planting", "livestock", "aquaculture"}},
}

// CategoryByCode finds a category.
func CategoryByCode(code CategoryCode) (Category, bool) {
	for _, c := range Categories {
		if c.Code == code {
			return c, true
		}
	}
	return Category{}, false
}

// HasKind reports whether kind belongs to the category.
func (c Category) HasKind(kind string) bool {
	for _, k := range c.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// CategoryCodes lists the codes, for error messages and filters.
func CategoryCodes() []string {
	out := make([]string, len(Categories))
	for i, c := range Categories {
		out[i] = string(c.Code)
	}
	return out
}
