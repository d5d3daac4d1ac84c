package documents

import "strconv"

// The template texts below are the city's to adjust (wording, the reconsideration body,
// the court). The appeal periods in them are rules (set "enforce"), read as in force on
// the decision's day.
const (
	// appealStay follows the appeal rights: an appeal does not stay the decision.
	appealStay = "申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
	// noticeRights tells the party of its right to state its case, defend itself and ask
	// for a hearing (听证告知) before the decision.
	noticeRights = "根据《中华人民共和国行政处罚法》的规定，你（单位）享有陈述、申辩的权利；拟作出的行政处罚属于听证范围的，" +
		"你（单位）有权要求举行听证。逾期未提出的，视为放弃上述权利。"
	// transferBasis is why a case goes to the police.
	transferBasis = "依照《行政执法机关移送涉嫌犯罪案件的规定》，现将该案移送你单位依法处理，并附案件相关材料。请在规定期限内书面告知是否立案。"
)

// appealPeriods are the party's periods to appeal a decision: days to apply for
// reconsideration (行政复议) and months to sue (行政诉讼).
type appealPeriods struct{ days, months int }

// appealRights closes a decision: the party's right to reconsideration or a lawsuit.
func appealRights(p appealPeriods) string {
	return "如不服本处罚决定，可以在收到本决定书之日起" + chineseNumber(p.days) + "日内依法申请行政复议，也可以在" +
		chineseNumber(p.months) + "个月内依法向人民法院提起行政诉讼。" + appealStay
}

// chineseNumber writes 1–99 in Chinese numerals, as legal documents write periods
// (六十日, 六个月, 十五日); other numbers in digits.
func chineseNumber(n int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	switch {
	case n < 1 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	}
	s := "十"
	if n/10 > 1 {
		s = string(d[n/10]) + s
	}
	if n%10 > 0 {
		s += string(d[n%10])
	}
	return s
}
