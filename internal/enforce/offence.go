package enforce

import "slices"

// Offence is a food-safety offence (违法行为) a penalty decision is made under: its code,
// and the penalty clause whose fine range applies. Its name and legal basis are in the
// locale files ("enforce.offence.<code>" and "enforce.offence.<code>.basis").
type Offence struct {
	Code   string `json:"code"`
	Clause string `json:"clause"` // the fine rules "enforce.fine.<clause>.*"
}

// penaltyClause is the fine a clause of the law sets: a fixed range in yuan, and, when
// byGoodsValue, a multiple of the goods value (货值金额) once that reaches the threshold.
type penaltyClause struct {
	name         string
	byGoodsValue bool
}

// clauses are the penalty clauses of the catalogue (rule set "enforce", all [M]).
var clauses = []penaltyClause{
	{"fsl_122", true}, {"fsl_123", true}, {"fsl_124", true}, {"fsl_125", true},
	{"fsl_126", false}, {"fsl_130", false}, {"fsl_132", false},
	{"province_workshop", false}, {"province_vendor", false},
}

// Offences is the catalogue (违法行为目录) of the common offences, in the order of the law:
// codes name the Food Safety Law (食品安全法) article, paragraph and item, or the
// provincial rule on small workshops and stalls (三小).
var Offences = []Offence{
	{"fsl_122_1", "fsl_122"},                                // 未取得许可从事食品生产经营
	{"fsl_123_1_1", "fsl_123"},                              // 用非食品原料生产食品、添加非食用物质
	{"fsl_123_1_3", "fsl_123"},                              // 经营病死、毒死或者死因不明的畜禽肉类
	{"fsl_124_1_1", "fsl_124"},                              // 致病性微生物、污染物等超过食品安全标准限量
	{"fsl_124_1_2", "fsl_124"},                              // 用超过保质期的原料生产食品
	{"fsl_124_1_3", "fsl_124"},                              // 超范围、超限量使用食品添加剂
	{"fsl_124_1_4", "fsl_124"},                              // 腐败变质、霉变生虫、掺假掺杂的食品
	{"fsl_124_1_5", "fsl_124"},                              // 标注虚假日期或者超过保质期的食品
	{"fsl_125_1_2", "fsl_125"},                              // 无标签的预包装食品、标签不符合规定
	{"fsl_125_1_4", "fsl_125"},                              // 采购、使用不符合食品安全标准的原料
	{"fsl_126_1_3", "fsl_126"},                              // 未查验许可证、未建立进货查验记录制度
	{"fsl_126_1_5", "fsl_126"},                              // 餐具饮具未洗净消毒
	{"fsl_126_1_6", "fsl_126"},                              // 安排无健康证明的人员接触直接入口食品
	{"fsl_130_1", "fsl_130"},                                // 集中交易市场开办者允许无证经营者入场、未履行检查报告义务
	{"fsl_132", "fsl_132"},                                  // 未按要求贮存、运输和装卸食品
	{"province_workshop_unregistered", "province_workshop"}, // 食品小作坊未经登记从事生产加工
	{"province_vendor_unregistered", "province_vendor"},     // 食品摊贩未经登记（备案）从事经营
}

// offenceByCode returns the offence of code, or false when the catalogue has none.
func offenceByCode(code string) (Offence, bool) {
	i := slices.IndexFunc(Offences, func(o Offence) bool { return o.Code == code })
	if i < 0 {
		return Offence{}, false
	}
	return Offences[i], true
}

// clause is the penalty clause of o.
func (o Offence) clause() penaltyClause {
	i := slices.IndexFunc(clauses, func(c penaltyClause) bool { return c.name == o.Clause })
	return clauses[i]
}
