package documents

import (
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// filing draws the filing form (立案审批表) or the form not to file (不予立案审批表): the
// party, the source and what it found, and the head's decision.
func (d draft) filing() error {
	src := stepOf(d.c, enforce.Registered)
	return pdfdoc.Steps(
		d.party,
		func() error {
			return d.Field("案件来源", label(sourceTexts, text(src, factSource))+"（"+day(src.DoneOn)+"登记）")
		},
		func() error { return d.Field("案情摘要", d.findings()) },
		func() error { d.Rule(); return d.approval("审批意见") },
		d.decisionDue,
		d.signOff,
	)
}

// decisionDue draws, on a filing, the deadline of the decision it started.
func (d draft) decisionDue() error {
	if d.row.Step != enforce.Filed {
		return nil
	}
	return d.Field("处罚决定期限", dueText(d.row))
}
