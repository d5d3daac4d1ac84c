package synth

import (
	"math/rand/v2"
	"strings"
)

// Word lists the names are drawn from. They are data: order matters (it is part of what a
// seed reproduces), so append rather than reorder.
var (
	tradeChars = []rune("鑫源福满佳惠金穗万家丰收百味恒瑞顺发聚兴隆和嘉禾鼎盛康乐绿天宏远新华润泰安达诚信美优品鲜旺祥合富荣昌德汇")
	placeChars = []rune("青石白云东西南北新安长金桃柳梅竹松枫杨溪湖龙凤马鹿双大高黄红花平和永兴福丰泰清华古")
)

// nameStyles are the endings of business names, by kind; for farms and processors the
// style also decides the goods (catalogue.go), so that a 生猪养殖场 sells pork.
var nameStyles = map[Kind][]string{
	Farm:           {"蔬菜专业合作社", "家庭农场", "果业专业合作社", "生猪养殖场", "蛋鸡养殖专业合作社", "水产养殖专业合作社"},
	Market:         {"农产品批发市场", "蔬菜批发市场", "农副产品大市场"},
	Distributor:    {"食材配送有限公司", "冷链物流有限公司", "供应链管理有限公司"},
	Processor:      {"净菜加工有限公司", "中央厨房有限公司", "食品有限公司"},
	Retailer:       {"超市", "生鲜超市", "便利店", "果蔬店"},
	Restaurant:     {"酒家", "饭店", "土菜馆", "面馆", "快餐店"},
	SchoolCanteen:  {"实验小学食堂", "中心小学食堂", "初级中学食堂", "高级中学食堂", "中心幼儿园食堂"},
	CompanyCanteen: {"科技有限公司职工食堂", "人民医院职工食堂", "机械有限公司食堂", "物流园区食堂"},
}

// businessName makes a name of kind k in the given style: two characters of a trade name
// (字号) or a place, then the style's ending; a shop of a chain gets a branch.
func businessName(k Kind, style int, r *rand.Rand) string {
	var b strings.Builder
	chars := tradeChars
	if k == Farm || k == Market || k == SchoolCanteen {
		chars = placeChars
	}
	b.WriteRune(chars[r.IntN(len(chars))])
	b.WriteRune(chars[r.IntN(len(chars))])
	b.WriteString(nameStyles[k][style])
	if k == Retailer && style < 2 {
		b.WriteString("(")
		b.WriteRune(placeChars[r.IntN(len(placeChars))])
		b.WriteRune(placeChars[r.IntN(len(placeChars))])
		b.WriteString("店)")
	}
	return b.String()
}
