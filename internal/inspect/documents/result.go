package documents

import "github.com/shejian/shejian/internal/pdfdoc"

// postingBasis says why the sheet hangs at the shop (Order 49 art. 39; removing or altering
// it is fined under art. 48).
const postingBasis = "依据《食品生产经营监督检查管理办法》第三十九条，本表应当张贴于经营场所醒目位置，至下次监督检查时止。"

// result draws the result sheet (监督检查结果记录表) posted at the shop: the business, the
// date, the result in large type, the items found wanting, the inspectors, a QR code to the
// public result and the issuing unit.
func (d draft) result() error {
	in := d.rec.Inspection
	err := pdfdoc.Steps(d.business,
		func() error { return d.Field("检查日期", pdfdoc.DateText(signedDay(in))) },
		func() error { d.Gap(12); return d.Centered("检查结果", 14) },
		func() error { return d.Centered(label(outcomeTexts, in.Result.Outcome), 40) },
		func() error { d.Gap(12); return d.wanting() },
		d.inspectors,
		func() error { d.Gap(12); return d.QR(d.doc.Facts.PublicURL, 96) },
		func() error { return d.Right("扫码查看公开的检查结果") },
		func() error { d.Gap(12); return d.Para(postingBasis, 0) },
		d.signOff,
	)
	return err
}

// wanting lists the failed items, key items first, or says there were none.
func (d draft) wanting() error {
	r := d.rec.Inspection.Result
	failed := append(append([]string{}, r.KeyFailures...), r.GeneralFailures...)
	if len(failed) == 0 {
		return d.Field("不符合项目", "无")
	}
	if err := d.Para("不符合项目（* 为重点项目）：", 0); err != nil {
		return err
	}
	for _, code := range failed {
		if err := d.Para(itemText(d.item(code)), 12); err != nil {
			return err
		}
	}
	return nil
}

// signOff closes a document with the issuing unit and the day of signing.
func (d draft) signOff() error { return d.SignOff(d.doc.Facts.Issuer, signedDay(d.rec.Inspection)) }
