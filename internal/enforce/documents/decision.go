package documents

import (
	"fmt"

	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// decision draws the penalty decision (行政处罚决定书) from its sealed record: the party,
// the violation, the measures with the fine and the confiscation, the payment deadline and
// the party's appeal rights.
func (d draft) decision() error {
	dec, err := decisionOf(d.row)
	if err != nil {
		return err
	}
	return pdfdoc.Steps(
		d.party,
		func() error { d.Rule(); return d.Field("违法事实", dec.Violation) },
		d.offence,
		func() error { return d.goodsValue(dec) },
		func() error { return d.Field("处罚理由", d.row.Note) },
		func() error { return d.Para("本局决定对你（单位）作出如下行政处罚：", 0) },
		func() error { return d.measures(dec) },
		func() error { return d.payment(dec) },
		func() error { return d.Para(appealRights(d.appeal), 24) },
		func() error { return d.Field("负责人审批", d.row.ApprovedBy) },
		d.signOff,
	)
}

// measures lists each measure decided, with its amount or term.
func (d draft) measures(dec enforce.DecisionInput) error {
	for i, m := range dec.Measures {
		line := fmt.Sprintf("%d. %s", i+1, label(measureTexts, m))
		switch {
		case m == "fine":
			line += money(dec.FineYuan)
		case m == "confiscation" && dec.ConfiscatedYuan > 0:
			line += "，计" + money(dec.ConfiscatedYuan)
		case (m == "business_restrict" || m == "practice_ban") && dec.BanMonths > 0:
			line += fmt.Sprintf("，期限%d个月", dec.BanMonths)
		}
		if err := d.Para(line, 12); err != nil {
			return err
		}
	}
	return nil
}

// payment tells where the fines and confiscations (罚没款) go and by when, when there are any.
func (d draft) payment(dec enforce.DecisionInput) error {
	total := dec.FineYuan + dec.ConfiscatedYuan
	if total == 0 {
		return nil
	}
	text := "罚没款合计" + money(total) + "，请持本决定书到指定银行缴纳"
	if due := dueText(d.row); due != "" {
		text += "，缴纳期限至" + due
	}
	return d.Para(text+"。逾期不缴纳的，本局将依法加处罚款并申请强制执行。", 24)
}

// offence draws the offence of the catalogue and its legal basis, when the decision names one.
func (d draft) offence() error {
	o := d.f.Offence
	if o == nil {
		return nil
	}
	return pdfdoc.Steps(
		func() error { return d.Field("违法行为", o.Name) },
		func() error { return d.Field("处罚依据", o.Basis) },
	)
}

// goodsValue draws the goods value (货值金额) the fine was set from, when recorded.
func (d draft) goodsValue(dec enforce.DecisionInput) error {
	if dec.GoodsValueYuan == 0 {
		return nil
	}
	return d.Field("货值金额", money(dec.GoodsValueYuan))
}
