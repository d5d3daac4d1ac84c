package demo

import (
	"math"

	"github.com/shejian/shejian/internal/registry"
)

// spec is what a business is before it gets a name: its category and kind (业态).
type spec struct {
	cat  registry.CategoryCode
	kind string
}

// Shares of a station's businesses that are stalls in its markets, and stalls per market.
const (
	stallShare     = 0.15
	stallsByMarket = 40
)

// mix weighs the kinds among the businesses that are neither markets nor stalls: catering and sales dominate, the three smalls are many, producers and
// farms few.
var mix = []struct {
	spec
	weight int
}{
	{spec{registry.CategoryProduction, "grain"}, 55}, {spec{registry.CategoryProduction, "meat"}, 45},
	{spec{registry.CategoryProduction, "dairy"}, 10}, {spec{registry.CategoryProduction, "beverage"}, 30},
	{spec{registry.CategoryProduction, "condiment"}, 40}, {spec{registry.CategoryProduction, "bakery"}, 80},
	{spec{registry.CategoryProduction, "frozen"}, 30}, {spec{registry.CategoryProduction, "other"}, 60},
	{spec{registry.CategorySales, "supermarket"}, 220}, {spec{registry.CategorySales, "convenience"}, 800},
	{spec{registry.CategorySales, "grocery"}, 1100}, {spec{registry.CategorySales, "online"}, 150},
	{spec{registry.CategorySales, "wholesale"}, 250},
	{spec{registry.CategoryCatering, "restaurant"}, 1400}, {spec{registry.CategoryCatering, "fast_food"}, 600},
	{spec{registry.CategoryCatering, "snack"}, 500}, {spec{registry.CategoryCatering, "drinks"}, 400},
	{spec{registry.CategoryCatering, "school_canteen"}, 180}, {spec{registry.CategoryCatering, "unit_canteen"}, 140},
	{spec{registry.CategoryCatering, "central_kitchen"}, 8}, {spec{registry.CategoryCatering, "group_meal"}, 25},
	{spec{registry.CategorySpecialFood, "health_food"}, 10}, {spec{registry.CategorySpecialFood, "infant_formula"}, 3},
	{spec{registry.CategorySpecialFood, "medical_formula"}, 2},
	{spec{registry.CategorySmallWorkshop, "noodles"}, 120}, {spec{registry.CategorySmallWorkshop, "tofu"}, 100},
	{spec{registry.CategorySmallWorkshop, "pastry"}, 100}, {spec{registry.CategorySmallWorkshop, "oil_press"}, 40},
	{spec{registry.CategorySmallWorkshop, "liquor"}, 50}, {spec{registry.CategorySmallWorkshop, "other"}, 70},
	{spec{registry.CategorySmallEatery, "noodle_shop"}, 550}, {spec{registry.CategorySmallEatery, "breakfast"}, 450},
	{spec{registry.CategorySmallEatery, "snack"}, 350},
	{spec{registry.CategoryStreetVendor, "fixed_point"}, 600}, {spec{registry.CategoryStreetVendor, "mobile"}, 350},
	{spec{registry.CategoryFarm, "planting"}, 150}, {spec{registry.CategoryFarm, "livestock"}, 60},
	{spec{registry.CategoryFarm, "aquaculture"}, 30},
}

var mixWeights = func() []int {
	w := make([]int, len(mix))
	for i, m := range mix {
		w[i] = m.weight
	}
	return w
}()

// scale gives the size attributes of a kind as inclusive ranges, drawn log-uniformly.
type scale struct {
	area                                   [2]float64 // m²
	employees, products, diners, suppliers [2]int
}

var scales = map[spec]scale{
	{registry.CategoryProduction, ""}:              {area: [2]float64{200, 20000}, employees: [2]int{5, 300}, products: [2]int{3, 120}, suppliers: [2]int{3, 60}},
	{registry.CategorySpecialFood, ""}:             {area: [2]float64{1000, 30000}, employees: [2]int{30, 500}, products: [2]int{5, 80}, suppliers: [2]int{10, 80}},
	{registry.CategorySales, "supermarket"}:        {area: [2]float64{300, 8000}, employees: [2]int{10, 200}, products: [2]int{2000, 20000}, suppliers: [2]int{30, 400}},
	{registry.CategorySales, "convenience"}:        {area: [2]float64{30, 150}, employees: [2]int{2, 8}, products: [2]int{500, 3000}, suppliers: [2]int{5, 40}},
	{registry.CategorySales, "grocery"}:            {area: [2]float64{15, 120}, employees: [2]int{1, 4}, products: [2]int{100, 1500}, suppliers: [2]int{3, 20}},
	{registry.CategorySales, "online"}:             {area: [2]float64{50, 2000}, employees: [2]int{3, 60}, products: [2]int{50, 5000}, suppliers: [2]int{5, 100}},
	{registry.CategorySales, "wholesale"}:          {area: [2]float64{100, 3000}, employees: [2]int{3, 50}, products: [2]int{50, 2000}, suppliers: [2]int{5, 80}},
	{registry.CategoryCatering, "restaurant"}:      {area: [2]float64{60, 1500}, employees: [2]int{4, 80}, products: [2]int{20, 150}, diners: [2]int{50, 1500}, suppliers: [2]int{5, 40}},
	{registry.CategoryCatering, "fast_food"}:       {area: [2]float64{40, 300}, employees: [2]int{3, 20}, products: [2]int{10, 60}, diners: [2]int{100, 800}, suppliers: [2]int{3, 20}},
	{registry.CategoryCatering, "snack"}:           {area: [2]float64{15, 80}, employees: [2]int{1, 5}, products: [2]int{5, 30}, diners: [2]int{30, 300}, suppliers: [2]int{2, 10}},
	{registry.CategoryCatering, "drinks"}:          {area: [2]float64{15, 100}, employees: [2]int{2, 8}, products: [2]int{10, 50}, diners: [2]int{50, 600}, suppliers: [2]int{2, 12}},
	{registry.CategoryCatering, "school_canteen"}:  {area: [2]float64{200, 1500}, employees: [2]int{8, 60}, products: [2]int{20, 80}, diners: [2]int{300, 3000}, suppliers: [2]int{5, 25}},
	{registry.CategoryCatering, "unit_canteen"}:    {area: [2]float64{100, 800}, employees: [2]int{4, 30}, products: [2]int{15, 60}, diners: [2]int{80, 1200}, suppliers: [2]int{4, 20}},
	{registry.CategoryCatering, "central_kitchen"}: {area: [2]float64{1000, 8000}, employees: [2]int{30, 200}, products: [2]int{30, 200}, diners: [2]int{3000, 30000}, suppliers: [2]int{20, 100}},
	{registry.CategoryCatering, "group_meal"}:      {area: [2]float64{800, 5000}, employees: [2]int{20, 150}, products: [2]int{20, 120}, diners: [2]int{2000, 20000}, suppliers: [2]int{10, 60}},
	{registry.CategoryMarket, "wholesale_market"}:  {area: [2]float64{10000, 100000}, employees: [2]int{20, 200}, suppliers: [2]int{50, 500}},
	{registry.CategoryMarket, "farmers_market"}:    {area: [2]float64{1000, 8000}, employees: [2]int{5, 40}, suppliers: [2]int{20, 150}},
	{registry.CategoryStall, ""}:                   {area: [2]float64{4, 20}, employees: [2]int{1, 3}, products: [2]int{5, 60}, suppliers: [2]int{1, 6}},
	{registry.CategorySmallWorkshop, ""}:           {area: [2]float64{20, 200}, employees: [2]int{1, 8}, products: [2]int{1, 10}, suppliers: [2]int{1, 8}},
	{registry.CategorySmallEatery, ""}:             {area: [2]float64{10, 60}, employees: [2]int{1, 4}, products: [2]int{5, 30}, diners: [2]int{20, 200}, suppliers: [2]int{1, 6}},
	{registry.CategoryFarm, ""}:                    {area: [2]float64{3000, 300000}, employees: [2]int{2, 60}, products: [2]int{1, 20}, suppliers: [2]int{1, 10}},
	{registry.CategoryStreetVendor, ""}:            {area: [2]float64{1, 6}, employees: [2]int{1, 2}, products: [2]int{1, 5}, diners: [2]int{20, 200}, suppliers: [2]int{1, 3}},
}

// scaleOf returns the scale of a kind, or of its whole category.
func scaleOf(s spec) scale {
	if sc, ok := scales[s]; ok {
		return sc
	}
	return scales[spec{cat: s.cat}]
}

// draw fills the size attributes of b.
func (sc scale) draw(r rng, b *business) {
	count := func(rg [2]int) int {
		if rg[1] == 0 {
			return 0
		}
		return int(math.Round(r.logUniform(float64(rg[0]), float64(rg[1]))))
	}
	b.floorArea = math.Round(r.logUniform(sc.area[0], sc.area[1])*10) / 10
	b.employees, b.products = count(sc.employees), count(sc.products)
	b.diners, b.suppliers = count(sc.diners), count(sc.suppliers)
}
