package demo

import "strings"

// Word lists the generator draws from. They are data: order matters (it is part of what
// a seed reproduces), so append rather than reorder.

// surnames are the common Chinese family names, most frequent first; pickSkewed favours the
// front of the list as real name frequencies do.
var surnames = strings.Fields(`王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗
	郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈
	姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯
	龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 俞 章 应 楼 缪 裘 柴 诸葛 欧阳`)

// Given-name characters by gender, and characters common to both.
var (
	maleChars   = []rune("伟强磊军勇杰涛明超斌浩鹏辉华建国平刚文俊峰飞波宇志海林成东亮鑫凯晨阳毅帆哲宁昊睿博坤然武彬松")
	femaleChars = []rune("芳娜敏静丽艳娟霞秀英玲婷雪琳慧燕红梅莉萍颖倩琴欣蕾雯佳洁瑶怡梦悦晶薇妍璐菲蓉璇")
	commonChars = []rune("晓海立永春秋小文明子雨思嘉宏家天浩一金玉新德")
)

// Place-name halves: township, village and community names are pairs of these.
var (
	placeFirst  = []rune("青石白云东西南北新安长金桃柳梅竹松枫杨溪湖龙凤马鹿双三大高黄红花平和永兴福丰泰清华古上下前后中乌义仁孝")
	placeSecond = []rune("桥石山溪湖塘坪港埠口庄岭岙浦泾渡坝园林田源水洲头门墩岗滩堰埭")
)

// District and county names (区, 县) of the made-up city.
var (
	urbanDistricts = strings.Fields(`临江 云溪 鹤鸣 望湖 东城 西湖 滨江 南屏 凤山 北塘`)
	counties       = strings.Fields(`桐岭 安澜 清源 石岙 青川 永宁 澄江 乐平 泰和 丰义 兰亭 雁荡`)
)

// Road-name stems and suffixes.
var (
	roadStems = strings.Fields(`人民 解放 建设 中山 文化 新华 和平 胜利 青年 朝阳 东风 幸福 健康 工业 学院 长安
		江滨 环城 府前 兴业 复兴 振兴 光明 迎宾 体育 公园 站前 滨江 世纪 创业 金融 科技 花园 园林 望湖 湖滨
		东山 西山 南湖 北湖 梧桐 银杏 香樟 桂花 玉兰 紫荆 凤凰 翠苑 明珠 通商`)
	roadSuffixes = strings.Fields(`路 路 路 街 街 大道 巷`)
)

// Trade-name characters (字号) for companies; two are joined, like 鑫源 or 福满.
var tradeChars = []rune("鑫源福满佳惠金穗万家丰收百味恒瑞顺发聚兴隆和嘉禾鼎盛康乐绿天宏远新华润泰安达诚信誉美优品鲜旺祥合富荣昌德汇")

// Kind-specific words: the last part of a business name.
var (
	restaurantWords = strings.Fields(`饭店 酒家 菜馆 土菜馆 农家菜馆 火锅店 烧烤店 川菜馆 湘菜馆 海鲜酒楼 私房菜馆 家常菜馆 面馆 饺子馆 鱼庄 羊肉馆`)
	fastFoodWords   = strings.Fields(`快餐店 中式快餐店 盖浇饭店 黄焖鸡米饭店 汉堡店 套餐店`)
	snackWords      = strings.Fields(`小吃店 馄饨店 包子铺 麻辣烫店 米线店 煎饼店 烧饼店 卤味店 锅贴店 粥铺`)
	drinksWords     = strings.Fields(`奶茶店 茶饮店 咖啡馆 果汁店 甜品店`)
	groceryWords    = strings.Fields(`副食品店 食品店 烟酒商行 粮油店 调味品店 干货店 茶叶店 水果店 食杂店`)
	workshopWords   = map[string][]string{
		"noodles": {"手工面坊", "挂面作坊"}, "tofu": {"豆腐坊", "豆制品作坊"}, "pastry": {"糕点坊", "麻糍坊"},
		"oil_press": {"榨油坊"}, "liquor": {"酒坊", "米酒作坊"}, "other": {"炒货坊", "酱菜坊", "年糕坊"},
	}
	eateryWords = map[string][]string{
		"noodle_shop": {"面馆", "拉面馆", "牛肉面馆"}, "breakfast": {"早餐店", "豆浆油条店"}, "snack": {"小吃店", "馄饨店", "酸辣粉店"},
	}
	cateringWords     = map[string][]string{"restaurant": restaurantWords, "fast_food": fastFoodWords, "snack": snackWords, "drinks": drinksWords}
	cateringCompanies = map[string]float64{"restaurant": 0.3, "fast_food": 0.4, "snack": 0.1, "drinks": 0.4} // share run by companies
	vendorWays        = map[string]string{"fixed_point": "固定", "mobile": "流动"}
	vendorFoods       = strings.Fields(`烤红薯 煎饼果子 臭豆腐 烤串 糖葫芦 手抓饼 鸡蛋灌饼 炒栗子 凉皮 玉米 水果 茶叶蛋`)
	stallKinds        = strings.Fields(`vegetable vegetable vegetable meat meat aquatic aquatic fruit egg grain_oil`)
	stallWords        = map[string]struct{ word, zone string }{"vegetable": {"蔬菜", "A"}, "meat": {"猪肉", "B"}, "aquatic": {"水产", "C"},
		"fruit": {"水果", "D"}, "egg": {"禽蛋", "E"}, "grain_oil": {"粮油", "F"}}
)

// Company-name endings for producers, by kind.
var producerWords = map[string][]string{
	"grain": {"粮油有限公司", "米业有限公司", "面粉有限公司"}, "meat": {"肉类食品有限公司", "肉制品有限公司"},
	"dairy": {"乳业有限公司", "乳品有限公司"}, "beverage": {"饮品有限公司", "饮用水有限公司"},
	"condiment": {"酿造有限公司", "调味品有限公司", "酱园有限公司"}, "bakery": {"烘焙食品有限公司", "糕点有限公司"},
	"frozen": {"冷冻食品有限公司", "速冻食品有限公司"}, "other": {"食品有限公司", "炒货食品有限公司", "蜜饯有限公司"},
	"health_food": {"生物科技有限公司", "保健食品有限公司"}, "infant_formula": {"营养食品有限公司", "婴幼儿食品有限公司"},
	"medical_formula": {"医学营养有限公司", "特医食品有限公司"},
}

// Schools whose canteens are school_canteen businesses, and units with staff canteens.
var (
	schoolKinds   = strings.Fields(`中心小学 中心幼儿园 初级中学 实验小学 高级中学 职业高级中学`)
	schoolLevels  = strings.Fields(`小学 小学 幼儿园 初级中学`)
	unitCanteens  = []struct{ name, uscc string }{{"人民政府机关食堂", usccOrgan}, {"卫生院职工食堂", usccInstitution}, {"派出所食堂", usccOrgan}, {"敬老院食堂", usccInstitution}}
	industryWords = strings.Fields(`机械 纺织 电子 建材 服装 物流 科技 印染 汽配 包装`)
	marketSpots   = strings.Fields(`东门 西门 南街 北街 新村 中心 老街 河西`)
	cnDigits      = []rune("零一二三四五六七八九")
)

// closedReasons explain why a business closed (注销/停业).
var closedReasons = strings.Fields(`经营者申请注销 拆迁停止经营 经营不善歇业 转让后原主体注销 被依法吊销许可证`)

// Staff titles by level and line.
var titles = map[string][]string{
	"city/administrative":     {"局长", "副局长", "食品安全协调处处长", "食品经营监管处科员"},
	"city/enforcement":        {"执法稽查支队队长", "执法稽查支队队员"},
	"city/technical":          {"食品抽检处处长", "市食品检验检测中心检验员"},
	"district/administrative": {"局长", "副局长", "办公室主任", "食品科科员"},
	"district/enforcement":    {"执法大队队长", "执法队员"},
	"district/technical":      {"检验检测中心检验员", "快检员"},
	"station/administrative":  {"站长", "副站长"},
	"station/enforcement":     {"执法组长", "执法人员"},
	"station/technical":       {"快检员", "技术监督员"},
	"grid/coordinator":        {"食品安全协管员", "网格员兼协管员"},
}

// mobilePrefixes are mainland mobile number segments.
var mobilePrefixes = strings.Fields(`130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 177 180 181 182 183 186 187 188 189 199`)

// Name endings of farms (食用农产品生产者), by kind: companies and cooperatives, and family
// farms of individuals.
var (
	farmCompanyWords = map[string][]string{
		"planting":    {"蔬菜种植专业合作社", "果蔬种植专业合作社", "生态农业有限公司", "茶叶专业合作社"},
		"livestock":   {"生猪养殖有限公司", "禽业专业合作社", "牧业有限公司"},
		"aquaculture": {"水产养殖专业合作社", "渔业有限公司"},
	}
	farmWords = map[string][]string{
		"planting":    {"家庭农场", "蔬菜种植基地", "果园"},
		"livestock":   {"养猪场", "养鸡场", "家庭牧场"},
		"aquaculture": {"水产养殖场", "鱼塘"},
	}
)
