package documents

import (
	"fmt"

	"github.com/shejian/shejian/internal/pdfdoc"
)

// transfer draws the transfer of a suspected crime to the police (涉嫌犯罪案件移送书):
// addressed to the police unit the step names, the party and the facts, and the approval.
func (d draft) transfer() error {
	police := text(d.row, factPolice)
	return pdfdoc.Steps(
		func() error { return d.Para(police+"：", 0) },
		func() error {
			return d.Para(fmt.Sprintf("本局在查处%s一案中，发现其行为涉嫌犯罪。案情摘要：%s。", d.f.Business.Name, d.findings()), 24)
		},
		func() error { return d.Para(transferBasis, 24) },
		d.party,
		func() error { return d.Field("移送理由", d.row.Note) },
		func() error { return d.Field("负责人审批", d.row.ApprovedBy) },
		d.signOff,
		func() error {
			d.Gap(18)
			return d.Para("接收单位签收：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿", 0)
		},
	)
}
