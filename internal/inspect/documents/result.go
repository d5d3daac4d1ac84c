package documents

// postingBasis says why the sheet hangs at the shop (Order 49 art. 39; removing or altering
// it is fined under art. 48).
const postingBasis = "依据《食品生产经营监督检查管理办法》第三十九条，本表应当张贴于经营场所醒目位置，至下次监督检查时止。"

// result draws the result sheet (监督检查结果记录表) posted at the shop: the business, the
// date, the result in large type, the items found wanting, the inspectors, a QR code to the
// public result and the issuing unit.
func (d draft) result() error {
	in := d.rec.Inspection
	err := d.steps(d.business,
		func() error { return d.field("检查日期", dateText(signedDay(in))) },
		func() error { d.gap(12); return d.centered("检查结果", 14) },
		func() error { return d.centered(label(outcomeTexts, in.Result.Outcome), 40) },
		func() error { d.gap(12); return d.wanting() },
		d.inspectors,
		func() error { d.gap(12); return d.qr(d.doc.Facts.PublicURL, 96) },
		func() error { return d.right("扫码查看公开的检查结果") },
		func() error { d.gap(12); return d.para(postingBasis, 0) },
		d.signOff,
	)
	return err
}

// wanting lists the failed items, key items first, or says there were none.
func (d draft) wanting() error {
	r := d.rec.Inspection.Result
	failed := append(append([]string{}, r.KeyFailures...), r.GeneralFailures...)
	if len(failed) == 0 {
		return d.field("不符合项目", "无")
	}
	if err := d.para("不符合项目（* 为重点项目）：", 0); err != nil {
		return err
	}
	for _, code := range failed {
		if err := d.para(itemText(d.item(code)), 12); err != nil {
			return err
		}
	}
	return nil
}

// signOff closes a document with the issuing unit and the day of signing.
func (d draft) signOff() error {
	d.gap(18)
	return d.steps(
		func() error { return d.right(d.doc.Facts.Issuer) },
		func() error { return d.right(dateText(signedDay(d.rec.Inspection))) },
	)
}
