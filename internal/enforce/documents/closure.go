package documents

import (
	"fmt"

	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// closure draws the closing report (结案报告): the party, every step the case went through
// with its day and approver, the decision and what was paid, and the head's approval.
func (d draft) closure() error {
	err := pdfdoc.Steps(d.party, func() error { return d.Field("案情摘要", d.findings()) })
	if err != nil {
		return err
	}
	d.Rule()
	if err := d.Para("办理经过：", 0); err != nil {
		return err
	}
	for _, r := range d.c.Steps {
		if err := d.Para(stepLine(r), 12); err != nil {
			return err
		}
	}
	d.Rule()
	return pdfdoc.Steps(d.outcome, func() error { return d.approval("结案意见") }, d.signOff)
}

// outcome draws the decision's number and penalty and what was paid at execution.
func (d draft) outcome() error {
	decided := stepOf(d.c, enforce.Decided)
	if decided == nil {
		return d.Field("处理结果", "未作出行政处罚决定")
	}
	dec, err := decisionOf(decided)
	if err != nil {
		return err
	}
	paid := 0.0
	if r := stepOf(d.c, enforce.Executed); r != nil {
		paid = yuan(r, factPaid)
	}
	var words []string
	for _, m := range dec.Measures {
		words = append(words, label(measureTexts, m))
	}
	return pdfdoc.Steps(
		func() error { return d.Field("处罚决定书文号", dec.DocumentNumber) },
		func() error { return d.Field("行政处罚", join(words)) },
		func() error {
			return d.Field("罚没款", fmt.Sprintf("应缴%s，已缴%s", money(dec.FineYuan+dec.ConfiscatedYuan), money(paid)))
		},
	)
}

// stepLine is one step of the case as the report lists it: its day, its name and who
// approved it (who chaired a hearing).
func stepLine(r enforce.CaseStep) string {
	line := day(r.DoneOn) + " " + label(stepTexts, r.Step)
	switch {
	case r.ApprovedBy == "":
	case r.Step == enforce.Heard:
		line += "（主持人：" + r.ApprovedBy + "）"
	default:
		line += "（审批人：" + r.ApprovedBy + "）"
	}
	return line
}
