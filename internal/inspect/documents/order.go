package documents

import (
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/pdfdoc"
)

// orderBasis is the legal basis of an order to correct failed general items (Order 49
// arts. 31–33: a general item not met is corrected on the spot or by a written deadline).
const orderBasis = "《食品生产经营监督检查管理办法》第三十一条至第三十三条"

// order draws the order to correct (责令改正通知书): the failed general items with their
// legal basis and the inspector's note, and the deadline.
func (d draft) order() error {
	in, f := d.rec.Inspection, d.doc.Facts
	due, err := time.Parse(time.DateOnly, f.Due)
	if err != nil {
		return fmt.Errorf("deadline %q: %w", f.Due, err)
	}
	notes := map[string]string{}
	for _, a := range in.Answers {
		notes[a.Item] = a.Note
	}
	err = pdfdoc.Steps(
		func() error { return d.Para(f.Business.Name+"：", 0) },
		func() error {
			return d.Para(fmt.Sprintf("%s，本局执法人员依法对你单位进行了%s，发现下列项目不符合要求：", pdfdoc.DateText(signedDay(in)), label(kindTexts, in.Kind)), 24)
		},
	)
	if err != nil {
		return err
	}
	for i, code := range in.Result.GeneralFailures {
		if err := d.failedItem(i+1, code, notes[code]); err != nil {
			return err
		}
	}
	return pdfdoc.Steps(
		func() error {
			return d.Para(fmt.Sprintf("依据%s的规定，现责令你单位于%s前（%d个工作日内）改正上述问题，并将改正情况书面报告本局。逾期不改正的，本局将依法处理。",
				orderBasis, pdfdoc.DateText(due), f.DeadlineDays), 24)
		},
		d.signOff,
		func() error {
			d.Gap(18)
			return d.Para("被检查单位签收：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿", 0)
		},
	)
}

// failedItem draws failed item n: its text, its legal basis and the inspector's note.
func (d draft) failedItem(n int, code, note string) error {
	it := d.item(code)
	text := fmt.Sprintf("%d. %s", n, itemText(it))
	if it.LegalBasis != "" {
		text += "（依据：" + it.LegalBasis + "）"
	}
	if note != "" {
		text += "。检查情况：" + note
	}
	return d.Para(text, 12)
}
