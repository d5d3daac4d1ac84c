package documents

import (
	"fmt"

	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// render draws document kind of rec as issued.
func (s *Service) render(rec *inspect.SignedRecord, kind Kind, doc *issued) (*Document, error) {
	font, err := pdfdoc.LoadFont(s.opt.FontPath)
	if err != nil {
		return nil, err
	}
	sh, err := pdfdoc.NewSheet(font, kind.Title(), *rec.Inspection.SignedAt)
	if err != nil {
		return nil, err
	}
	d := draft{Sheet: sh, rec: rec, doc: doc}
	if err := sh.Heading(doc.Facts.Issuer, kind.Title(), doc.Number.Text); err != nil {
		return nil, err
	}
	switch kind {
	case Record:
		err = d.record()
	case Result:
		err = d.result()
	default:
		err = d.order()
	}
	if err != nil {
		return nil, fmt.Errorf("render %s of %s: %w", kind, rec.Inspection.UUID, err)
	}
	pdf, err := sh.Bytes()
	if err != nil {
		return nil, err
	}
	return &Document{Kind: kind, Number: doc.Number, PDF: pdf, Text: sh.Text()}, nil
}

// draft is one document being drawn: the sheet, the signed record and the facts.
type draft struct {
	*pdfdoc.Sheet
	rec *inspect.SignedRecord
	doc *issued
}

// business draws who and where was inspected.
func (d draft) business() error {
	b := d.doc.Facts.Business
	return pdfdoc.Steps(
		func() error { return d.Field("被检查单位", b.Name) },
		func() error { return d.Field("统一社会信用代码", b.USCC) },
		func() error { return d.Field("许可证编号", b.LicenceNo) },
		func() error { return d.Field("地址", b.Address) },
	)
}

// inspectors lists the seated inspectors with their certificate numbers.
func (d draft) inspectors() error {
	text := ""
	for i, p := range d.doc.Facts.Inspectors {
		if i > 0 {
			text += "、"
		}
		text += p.Name
		if p.CertificateNo != "" {
			text += "（执法证号 " + p.CertificateNo + "）"
		}
	}
	return d.Field("检查人员", text)
}

// item is the checklist item code of the record's template version.
func (d draft) item(code string) inspect.ChecklistItem {
	for _, it := range d.rec.Template.Items {
		if it.Code == code {
			return it
		}
	}
	return inspect.ChecklistItem{Code: code}
}

// itemText is an item's code and text, key items marked as the tables do (*).
func itemText(it inspect.ChecklistItem) string {
	mark := ""
	if it.Key {
		mark = "*"
	}
	return mark + it.Code + " " + it.Text
}
