package synth

// goods is a kind of product: weighed (packGrams 0, quantities in KGM) or counted in packs
// of packGrams each (quantities without a unit).
type goods struct {
	name      string
	packGrams int64
}

// Goods by name style (nameStyles): what a farm harvests, what a processor makes.
var (
	vegetables = []goods{{"菠菜", 0}, {"小白菜", 0}, {"豇豆", 0}, {"韭菜", 0}, {"番茄", 0}, {"黄瓜", 0}, {"芹菜", 0}, {"土豆", 0}, {"胡萝卜", 0}, {"青椒", 0}}
	farmGoods  = [][]goods{
		vegetables,
		vegetables,
		{{"苹果", 0}, {"梨", 0}, {"柑橘", 0}, {"西瓜", 0}, {"葡萄", 0}},
		{{"白条猪肉", 0}, {"猪排骨", 0}},
		{{"鸡蛋", 0}},
		{{"草鱼", 0}, {"鲫鱼", 0}, {"小龙虾", 0}},
	}
	processorGoods = [][]goods{
		{{"鲜切西兰花", 300}, {"净菜小白菜", 500}, {"沙拉蔬菜", 250}, {"净菜土豆丝", 400}},
		{{"红烧肉半成品", 0}, {"番茄炒蛋料包", 400}, {"鱼香肉丝料包", 350}, {"配餐净菜", 0}},
		{{"卤肉", 0}, {"鲜肉馅", 0}, {"速冻水饺", 1000}},
	}
)

// goodsOf returns the goods a business of kind k and name style makes, if any.
func goodsOf(k Kind, style int) []goods {
	switch k {
	case Farm:
		return farmGoods[style]
	case Processor:
		return processorGoods[style]
	}
	return nil
}
