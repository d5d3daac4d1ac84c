package demo

import (
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/registry"
)

// place is where a station's businesses are: the address prefix and the township's roads.
type place struct {
	district, township, town string // town: the township without 街道, 镇 or 乡
	prefix                   string // 江临市云溪区青石镇
	roads                    []string
	schools, units, markets  int // canteens and markets named so far
}

func newPlace(r rng, d, s *unit) *place {
	town := strings.TrimRight(s.township, "街道镇乡")
	p := &place{district: d.name, township: s.township, town: town, prefix: cityName + d.name + s.township}
	p.roads = append(p.roads, town+"路")
	for _, stem := range shuffled(r, roadStems)[:r.between(5, 13)] {
		p.roads = append(p.roads, stem+pick(r, roadSuffixes))
	}
	return p
}

// address returns a street address in the township.
func (p *place) address(r rng) string {
	road, n := pick(r, p.roads), r.between(1, 999)
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("%s%s%d号%d幢%d室", p.prefix, road, n, r.between(1, 12), r.between(1, 6)*100+r.between(1, 8))
	case 1:
		return fmt.Sprintf("%s%s%d-%d号", p.prefix, road, n, r.between(1, 9))
	}
	return fmt.Sprintf("%s%s%d号", p.prefix, road, n)
}

// shopName is an individual shop's name (字号): 老王, 王记, 阿芳 or a trade name.
func shopName(r rng, own person) string {
	given := []rune(own.given)
	switch r.IntN(7) {
	case 0:
		return "老" + own.surname
	case 1:
		return own.surname + "记"
	case 2:
		return own.surname + "家"
	case 3:
		return "阿" + string(given[len(given)-1])
	case 4:
		return "小" + own.surname
	}
	return tradeName(r)
}

// tradeName is a company's trade name (字号) such as 鑫源.
func tradeName(r rng) string {
	a := pick(r, tradeChars)
	b := pick(r, tradeChars)
	for b == a {
		b = pick(r, tradeChars)
	}
	return string([]rune{a, b})
}

// company names a company registered in the city: 江临鑫源 or 江临市鑫源, then body.
func company(r rng, body string) string {
	if r.chance(0.5) {
		return cityShort + tradeName(r) + body
	}
	return cityName + tradeName(r) + body
}

// individual names an individual business (个体工商户) of the township: 江临市青石镇老王面馆.
func (p *place) individual(r rng, own person, word string) string {
	return cityName + p.township + shopName(r, own) + word
}

// name returns the name of a business of spec sp owned by own, and its USCC kind.
func (p *place) name(r rng, sp spec, own person) (string, string) {
	switch sp.cat {
	case registry.CategoryCatering:
		return p.cateringName(r, sp.kind, own)
	case registry.CategorySales:
		return p.salesName(r, sp.kind, own)
	case registry.CategoryProduction, registry.CategorySpecialFood:
		if sp.cat == registry.CategoryProduction && r.chance(0.15) {
			return p.individual(r, own, "食品加工厂"), usccIndividual
		}
		return company(r, pick(r, producerWords[sp.kind])), usccCompany
	case registry.CategorySmallWorkshop:
		return p.individual(r, own, pick(r, workshopWords[sp.kind])), usccIndividual
	case registry.CategorySmallEatery:
		return p.individual(r, own, pick(r, eateryWords[sp.kind])), usccIndividual
	case registry.CategoryStreetVendor:
		return own.name + pick(r, vendorFoods) + vendorWays[sp.kind] + "摊点", usccIndividual
	case registry.CategoryMarket:
		return p.marketName(r, sp.kind), usccCompany
	case registry.CategoryFarm:
		if r.chance(0.5) {
			return company(r, pick(r, farmCompanyWords[sp.kind])), usccCompany
		}
		return p.individual(r, own, pick(r, farmWords[sp.kind])), usccIndividual
	}
	return "", ""
}

func (p *place) cateringName(r rng, kind string, own person) (string, string) {
	switch kind {
	case "school_canteen":
		return p.schoolName(r)
	case "unit_canteen":
		return p.unitName(r)
	case "central_kitchen":
		return company(r, "餐饮管理有限公司中央厨房"), usccCompany
	case "group_meal":
		return company(r, "团餐配送有限公司"), usccCompany
	}
	if r.chance(cateringCompanies[kind]) {
		return company(r, "餐饮管理有限公司"+p.town+"店"), usccCompany
	}
	return p.individual(r, own, pick(r, cateringWords[kind])), usccIndividual
}

func (p *place) salesName(r rng, kind string, own person) (string, string) {
	switch {
	case kind == "supermarket" && r.chance(0.7):
		return company(r, "超市有限公司"+p.town+"店"), usccCompany
	case kind == "supermarket":
		return p.individual(r, own, "超市"), usccIndividual
	case kind == "online":
		return company(r, pick(r, []string{"电子商务有限公司", "网络科技有限公司"})), usccCompany
	case kind == "convenience" && r.chance(0.5):
		return company(r, "便利店有限公司"+p.town+pick(r, p.roads)+"店"), usccCompany
	case kind == "convenience":
		return p.individual(r, own, "便利店"), usccIndividual
	case kind == "wholesale" && r.chance(0.5):
		return company(r, pick(r, []string{"食品贸易有限公司", "粮油贸易有限公司", "冷链物流有限公司"})), usccCompany
	case kind == "wholesale":
		return p.individual(r, own, pick(r, []string{"粮油批发部", "食品批发部", "副食品批发部"})), usccIndividual
	case r.chance(0.15):
		return company(r, "商贸有限公司"), usccCompany
	}
	return p.individual(r, own, pick(r, groceryWords)), usccIndividual
}

// schoolName names the next school canteen of the township: the central primary school
// and kindergarten first, then numbered schools and private kindergartens.
func (p *place) schoolName(r rng) (string, string) {
	n := p.schools
	p.schools++
	switch {
	case n < len(schoolKinds):
		return p.prefix + schoolKinds[n] + "食堂", usccInstitution
	case r.chance(0.3):
		return cityName + tradeName(r) + "幼儿园食堂", usccPrivateNonProfit
	}
	return p.prefix + "第" + cnNumber(n-len(schoolKinds)+3) + pick(r, schoolLevels) + "食堂", usccInstitution
}

// unitName names the next staff canteen: the township's government, clinic, police
// station and care home, then companies' canteens.
func (p *place) unitName(r rng) (string, string) {
	n := p.units
	p.units++
	if n < len(unitCanteens) {
		return p.prefix + unitCanteens[n].name, unitCanteens[n].uscc
	}
	return company(r, pick(r, industryWords)+"有限公司职工食堂"), usccCompany
}

// marketName names the district's wholesale market or the township's next farmers' market.
func (p *place) marketName(r rng, kind string) string {
	if kind == "wholesale_market" {
		return cityShort + p.district + "农副产品批发市场"
	}
	n := p.markets
	p.markets++
	if n == 0 {
		return cityName + p.township + "农贸市场"
	}
	return cityName + p.township + marketSpots[(n-1)%len(marketSpots)] + "菜市场"
}

// cnNumber writes 1–99 in Chinese numerals (第十二小学).
func cnNumber(n int) string {
	tens, ones := n/10, n%10
	var b strings.Builder
	if tens > 1 {
		b.WriteRune(cnDigits[tens])
	}
	if tens > 0 {
		b.WriteRune('十')
	}
	if ones > 0 || tens == 0 {
		b.WriteRune(cnDigits[ones])
	}
	return b.String()
}
