package documents

import (
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// The words documents print for the record's codes; an unknown code prints as itself.
var (
	kindTexts    = map[inspect.Kind]string{inspect.Daily: "日常监督检查", inspect.Flying: "飞行检查", inspect.Systems: "体系检查"}
	answerTexts  = map[inspect.Answer]string{inspect.Pass: "符合", inspect.Fail: "不符合", inspect.NotApplicable: "不适用", "": "未检查"}
	outcomeTexts = map[inspect.Outcome]string{inspect.Compliant: "符合", inspect.BasicallyCompliant: "基本符合", inspect.NonCompliant: "不符合"}
)

// label is the word of code in words, or the code itself.
func label[K ~string](words map[K]string, code K) string {
	if w, ok := words[code]; ok {
		return w
	}
	return string(code)
}

// record draws the on-site record (现场检查笔录): who, where, when, by whom, every item
// with its answer and note, the result and the signatures.
func (d draft) record() error {
	in := d.rec.Inspection
	when := "签署 " + in.SignedAt.In(calendar.China).Format("2006年1月2日 15:04")
	if in.CheckIn != nil {
		when = in.CheckIn.At.In(calendar.China).Format("2006年1月2日 15:04") + " 至 " + in.SignedAt.In(calendar.China).Format("15:04")
	}
	err := pdfdoc.Steps(d.business,
		func() error { return d.Field("法定代表人（负责人）", d.doc.Facts.Business.LegalRep) },
		func() error { return d.Field("检查时间", when) },
		func() error { return d.Field("检查地点", d.doc.Facts.Business.Address) },
		func() error { return d.Field("检查类别", label(kindTexts, in.Kind)) },
		d.inspectors,
		func() error { return d.Field("检查表", d.rec.Template.Title) },
	)
	if err != nil {
		return err
	}
	d.Rule()
	if err := d.answers(); err != nil {
		return err
	}
	d.Rule()
	err = pdfdoc.Steps(
		func() error { return d.Field("检查结果", label(outcomeTexts, in.Result.Outcome)) },
		func() error { return d.Para(in.Result.Explain(i18n.Chinese), 0) }, // whatever language the inspector used
	)
	if err != nil {
		return err
	}
	return d.signatures()
}

// answers draws each item of the template in order with its answer and note.
func (d draft) answers() error {
	byItem := map[string]inspect.ItemAnswer{}
	for _, a := range d.rec.Inspection.Answers {
		byItem[a.Item] = a
	}
	if err := d.Para("检查情况（* 为重点项目）：", 0); err != nil {
		return err
	}
	for _, it := range d.rec.Template.Items {
		a := byItem[it.Code]
		line := itemText(it) + " —— " + label(answerTexts, a.Answer)
		if a.Note != "" {
			line += "。备注：" + a.Note
		}
		if err := d.Para(line, 12); err != nil {
			return err
		}
	}
	return nil
}

// signatures draws each signature as its image, or the operator's refusal with the witness.
func (d draft) signatures() error {
	for _, g := range d.rec.Inspection.Signatures {
		role := "检查人员"
		if g.Signer == inspect.OperatorSigner {
			role = "被检查单位负责人"
		}
		at := g.SignedAt.In(calendar.China).Format("2006年1月2日 15:04")
		if g.Refused {
			if err := d.Para(role+"："+g.Name+" 拒绝签字（见证人："+g.Witness+"） "+at, 0); err != nil {
				return err
			}
			continue
		}
		if err := d.Para(role+"签名（"+g.Name+"） "+at+"：", 0); err != nil {
			return err
		}
		if err := d.Image(d.rec.SignatureImages[g.Evidence], 12, 36); err != nil {
			return err
		}
	}
	return nil
}
