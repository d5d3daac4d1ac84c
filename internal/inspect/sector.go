package inspect

import (
	"slices"

	"github.com/shejian/shejian/internal/registry"
)

// Sector is the kind of business a checklist template serves (检查表适用业态).
type Sector string

// The sectors: the four national tables and the provincial tables of the three smalls
// (三小), which Order 49 art. 54 leaves to provincial rules.
const (
	SectorProduction    Sector = "production"     // 食品生产
	SectorSales         Sector = "sales"          // 食品销售
	SectorCatering      Sector = "catering"       // 餐饮服务
	SectorHealthFood    Sector = "health_food"    // 保健食品生产
	SectorSmallWorkshop Sector = "small_workshop" // 食品生产加工小作坊
	SectorSmallEatery   Sector = "small_eatery"   // 小餐饮
	SectorStreetVendor  Sector = "street_vendor"  // 食品摊贩
)

// Sectors lists the sectors in display order.
var Sectors = []Sector{SectorProduction, SectorSales, SectorCatering, SectorHealthFood,
	SectorSmallWorkshop, SectorSmallEatery, SectorStreetVendor}

// Valid reports whether s is a known sector.
func (s Sector) Valid() bool { return slices.Contains(Sectors, s) }

// Area is one content area (检查内容) of a sector's checklist as Order 49 names it.
type Area struct {
	Code    string `json:"code"`
	ZH      string `json:"zh"`
	EN      string `json:"en"`
	Article string `json:"article"` // the article of Order 49 that lists it
}

// production are the 12 areas of art. 15 (食品生产环节).
var production = []Area{
	{"qualification", "食品生产者资质", "Producer's qualification", "第十五条"},
	{"environment", "生产环境条件", "Production environment", "第十五条"},
	{"purchase_check", "进货查验", "Purchase checks", "第十五条"},
	{"process_control", "生产过程控制", "Process control", "第十五条"},
	{"product_testing", "产品检验", "Product testing", "第十五条"},
	{"storage_delivery", "贮存及交付控制", "Storage and delivery", "第十五条"},
	{"nonconforming_recall", "不合格食品管理和食品召回", "Nonconforming food and recall", "第十五条"},
	{"labelling", "标签和说明书", "Labels and instructions", "第十五条"},
	{"self_inspection", "食品安全自查", "Self-inspection", "第十五条"},
	{"personnel", "从业人员管理", "Staff management", "第十五条"},
	{"traceability", "信息记录和追溯", "Records and traceability", "第十五条"},
	{"incident", "食品安全事故处置", "Incident handling", "第十五条"},
}

// healthFood adds the special-food areas of art. 18 to production; 原料前处理 is for health
// food only.
var healthFood = append(slices.Clone(production),
	Area{"registration_filing", "注册备案要求执行", "Registration and filing", "第十八条"},
	Area{"quality_system", "生产质量管理体系运行", "Quality management system", "第十八条"},
	Area{"raw_materials", "原辅料管理", "Raw and auxiliary materials", "第十八条"},
	Area{"pretreatment", "原料前处理", "Raw material pretreatment", "第十八条"},
)

// sales are the 17 areas of art. 17 (食品销售环节).
var sales = []Area{
	{"qualification", "食品销售者资质", "Seller's qualification", "第十七条"},
	{"general_rules", "一般规定执行", "General rules", "第十七条"},
	{"prohibitions", "禁止性规定执行", "Prohibitions", "第十七条"},
	{"hygiene", "经营场所环境卫生", "Premises hygiene", "第十七条"},
	{"operation_control", "经营过程控制", "Operation control", "第十七条"},
	{"purchase_check", "进货查验", "Purchase checks", "第十七条"},
	{"storage", "食品贮存", "Storage", "第十七条"},
	{"recall", "食品召回", "Recall", "第十七条"},
	{"temperature", "温度控制及记录", "Temperature control and records", "第十七条"},
	{"expired_disposal", "过期及其他不符合食品安全标准食品处置", "Expired and nonconforming food", "第十七条"},
	{"labelling", "标签和说明书", "Labels and instructions", "第十七条"},
	{"self_inspection", "食品安全自查", "Self-inspection", "第十七条"},
	{"personnel", "从业人员管理", "Staff management", "第十七条"},
	{"incident", "食品安全事故处置", "Incident handling", "第十七条"},
	{"imported", "进口食品销售", "Imported food", "第十七条"},
	{"agricultural", "食用农产品销售", "Edible agricultural products", "第十七条"},
	{"online", "网络食品销售", "Online sales", "第十七条"},
}

// catering are the 8 areas of art. 20 (餐饮服务环节).
var catering = []Area{
	{"qualification", "餐饮服务提供者资质", "Caterer's qualification", "第二十条"},
	{"staff_health", "从业人员健康管理", "Staff health", "第二十条"},
	{"raw_materials", "原料控制", "Raw material control", "第二十条"},
	{"processing", "加工制作过程", "Processing", "第二十条"},
	{"additives", "食品添加剂使用管理", "Food additives", "第二十条"},
	{"premises_equipment", "场所和设备设施清洁维护", "Premises and equipment upkeep", "第二十条"},
	{"tableware", "餐饮具清洗消毒", "Tableware cleaning and disinfection", "第二十条"},
	{"incident", "食品安全事故处置", "Incident handling", "第二十条"},
}

// Areas returns the content areas of sector s in order. The three smalls follow the areas
// of the national table they resemble, as art. 54 applies the order by analogy where a
// province has no rule: workshops those of production, eateries and stalls those of catering.
func Areas(s Sector) []Area {
	switch s {
	case SectorProduction, SectorSmallWorkshop:
		return production
	case SectorHealthFood:
		return healthFood
	case SectorSales:
		return sales
	case SectorCatering, SectorSmallEatery, SectorStreetVendor:
		return catering
	}
	return nil
}

// AreaOf finds area code (or its Chinese or English name) among the areas of s.
func AreaOf(s Sector, name string) (Area, bool) {
	for _, a := range Areas(s) {
		if a.Code == name || a.ZH == name || a.EN == name {
			return a, true
		}
	}
	return Area{}, false
}

// SectorOf is the sector whose checklist inspects a business of category c: markets and
// their stalls are inspected as sales, special-food makers as health food; farms take no
// food-business checklist (source control inspects them).
func SectorOf(c registry.CategoryCode) (Sector, bool) {
	switch c {
	case registry.CategoryProduction:
		return SectorProduction, true
	case registry.CategorySales, registry.CategoryMarket, registry.CategoryStall:
		return SectorSales, true
	case registry.CategoryCatering:
		return SectorCatering, true
	case registry.CategorySpecialFood:
		return SectorHealthFood, true
	case registry.CategorySmallWorkshop:
		return SectorSmallWorkshop, true
	case registry.CategorySmallEatery:
		return SectorSmallEatery, true
	case registry.CategoryStreetVendor:
		return SectorStreetVendor, true
	}
	return "", false
}
