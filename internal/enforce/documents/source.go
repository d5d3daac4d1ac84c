package documents

import (
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// source draws the case source form (案件来源登记表): where the lead came from, what it
// reported, about whom, and when the filing decision is due.
func (d draft) source() error {
	src := text(d.row, factSource)
	ref := text(d.row, factSourceRef)
	if uuid := text(d.row, factInspection); uuid != "" {
		ref = "监督检查 " + uuid
	}
	return pdfdoc.Steps(
		func() error { return d.Field("案件来源", label(sourceTexts, src)) },
		func() error { return d.Field("来源编号", ref) },
		func() error { return d.Field("登记日期", day(d.row.DoneOn)) },
		d.party,
		func() error { return d.Field("所属监管站", d.f.Station) },
		func() error { d.Rule(); return d.Field("案件来源内容", d.findings()) },
		func() error { return d.Field("立案审批期限", dueText(d.row)) },
		func() error { return d.Field("登记人", d.row.RecordedBy) },
		d.signOff,
	)
}

// dueText is the deadline row set, "" when none.
func dueText(row *enforce.CaseStep) string {
	if row.DueOn == nil {
		return ""
	}
	return day(*row.DueOn)
}
