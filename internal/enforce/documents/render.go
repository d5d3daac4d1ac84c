package documents

import (
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// render draws document kind of c as issued, a decision with the appeal periods. The PDF's
// creation date is when its step was recorded, so the same case renders the same bytes.
func (s *Service) render(c *enforce.Case, kind Kind, doc *issued, appeal appealPeriods) (*Document, error) {
	font, err := pdfdoc.LoadFont(s.opt.FontPath)
	if err != nil {
		return nil, err
	}
	row := stepOf(c, forms[kind].step)
	sh, err := pdfdoc.NewSheet(font, kind.Title(), row.RecordedAt)
	if err != nil {
		return nil, err
	}
	if err := sh.Heading(doc.Facts.Issuer, kind.Title(), doc.Number.Text); err != nil {
		return nil, err
	}
	d := draft{Sheet: sh, c: c, f: doc.Facts, row: row, appeal: appeal}
	if err := drawers[kind](d); err != nil {
		return nil, fmt.Errorf("render %s of case %d: %w", kind, c.ID, err)
	}
	pdf, err := sh.Bytes()
	if err != nil {
		return nil, err
	}
	return &Document{Kind: kind, Number: doc.Number, PDF: pdf, Text: sh.Text()}, nil
}

// drawers draw the body of each kind, under the heading.
var drawers = map[Kind]func(draft) error{
	Source: draft.source, Filing: draft.filing, NotFiled: draft.filing, Notice: draft.notice, Hearing: draft.hearing,
	Decision: draft.decision, Closure: draft.closure, Transfer: draft.transfer,
}

// draft is one case document being drawn: the sheet, the case, the frozen facts, the
// row of the step that issues it and the appeal periods in force on its day.
type draft struct {
	*pdfdoc.Sheet
	c      *enforce.Case
	f      Facts
	row    *enforce.CaseStep
	appeal appealPeriods
}

// party draws who the case is about.
func (d draft) party() error {
	b := d.f.Business
	return pdfdoc.Steps(
		func() error { return d.Field("当事人", b.Name) },
		func() error { return d.Field("统一社会信用代码", b.USCC) },
		func() error { return d.Field("许可证编号", b.LicenceNo) },
		func() error { return d.Field("法定代表人（负责人）", b.LegalRep) },
		func() error { return d.Field("地址", b.Address) },
	)
}

// approval draws who approved the document's step, on which day, and the opinion.
func (d draft) approval(opinionLabel string) error {
	return pdfdoc.Steps(
		func() error { return d.Field(opinionLabel, d.row.Note) },
		func() error { return d.Field("负责人审批", d.row.ApprovedBy) },
		func() error { return d.Field("审批日期", day(d.row.DoneOn)) },
		func() error { return d.Field("记录人", d.row.RecordedBy) },
	)
}

// signOff closes a document with the issuing unit and the day of its step.
func (d draft) signOff() error { return d.SignOff(d.f.Issuer, d.row.DoneOn) }

// day writes a stored case date (the China calendar day at midnight UTC) as documents do.
func day(t time.Time) string { return pdfdoc.DateText(t) }

// money writes an amount of yuan: 人民币5000.00元.
func money(v float64) string { return fmt.Sprintf("人民币%.2f元", v) }

// findings is what the case source found, as one line.
func (d draft) findings() string {
	f := d.c.Findings
	if f.Note != "" {
		return f.Note
	}
	text := fmt.Sprintf("监督检查发现重点项目不符合 %d 项、一般项目不符合 %d 项", len(f.KeyFailures), len(f.GeneralFailures))
	if len(f.KeyFailures) > 0 {
		text += "（重点项目：" + join(f.KeyFailures) + "）"
	}
	return text
}
