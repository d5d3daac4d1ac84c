package ticket

import "strings"

// column is one column of a sheet of the import workbook. Title is part of the file format
// (users keep old templates), so it is fixed Chinese; Field names the entry's field as the
// API and the field errors do.
type column struct {
	Title, Field string
	Required     bool
	Text         bool // a code Excel must keep as text
}

// Header is the column's title in the template: the Chinese title and the field.
func (c column) Header() string { return c.Title + " " + c.Field }

// matches reports whether a header cell names the column: its title, its field, or both.
func (c column) matches(cell string) bool {
	cell = strings.TrimSpace(cell)
	return cell == c.Title || strings.EqualFold(cell, c.Field) || cell == c.Header()
}

// sheetFormat is one sheet of the import workbook: the entries of one kind.
type sheetFormat struct {
	Name    string
	kind    kind
	Columns []column
}

// partyColumns are the columns of a party, whose role is named in Chinese by role.
func partyColumns(role, field string) []column {
	return []column{
		{Title: role + "统一社会信用代码", Field: field + ".uscc", Text: true},
		{Title: role + "名称", Field: field + ".name"},
		{Title: role + "身份证号或手机号", Field: field + ".id_or_phone", Text: true},
	}
}

// itemColumns are the columns of the product; batchBy adds the batch's assigner.
func itemColumns(batchBy bool) []column {
	cols := []column{{Title: "品名", Field: "product_name", Required: true}, {Title: "商品条码", Field: "gtin", Text: true},
		{Title: "批次号", Field: "batch_no", Required: true, Text: true}}
	if batchBy {
		cols = append(cols, column{Title: "批次号编制方统一社会信用代码", Field: "batch_by", Text: true})
	}
	return append(cols, column{Title: "数量", Field: "quantity", Required: true}, column{Title: "单位", Field: "unit", Required: true},
		column{Title: "产地", Field: "origin"})
}

func join(parts ...[]column) []column {
	var out []column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// sheetFormats are the sheets an import reads, in the order their entries are recorded:
// the certificates that start lots, the purchases that bring them, the tickets and sales
// that take them on.
var sheetFormats = []sheetFormat{
	{Name: "合格证", kind: kindCertificate, Columns: join(
		[]column{{Title: "合格证编号", Field: "cert_no", Required: true, Text: true}, {Title: "开具日期", Field: "date", Required: true}},
		partyColumns("生产者", "producer"),
		[]column{{Title: "市场统一社会信用代码", Field: "market", Text: true}, {Title: "采收日期", Field: "harvest_date"}},
		itemColumns(false))},
	{Name: "进货台账", kind: kindPurchase, Columns: join(
		[]column{{Title: "台账主体统一社会信用代码", Field: "business", Required: true, Text: true}, {Title: "进货日期", Field: "date", Required: true}},
		partyColumns("供货方", "counterparty"),
		[]column{{Title: "票号", Field: "ticket_no", Text: true}, {Title: "凭证号", Field: "voucher", Text: true}},
		itemColumns(true))},
	{Name: "一票通", kind: kindTicket, Columns: join(
		[]column{{Title: "票号", Field: "ticket_no", Required: true, Text: true}, {Title: "日期", Field: "date", Required: true},
			{Title: "市场统一社会信用代码", Field: "market", Text: true}},
		partyColumns("卖方", "seller"), partyColumns("买方", "buyer"),
		itemColumns(true),
		[]column{{Title: "快检结果", Field: "rapid_test"}})},
	{Name: "销货台账", kind: kindSale, Columns: join(
		[]column{{Title: "台账主体统一社会信用代码", Field: "business", Required: true, Text: true}, {Title: "销货日期", Field: "date", Required: true}},
		partyColumns("购货方", "counterparty"),
		[]column{{Title: "票号", Field: "ticket_no", Text: true}, {Title: "凭证号", Field: "voucher", Text: true}},
		itemColumns(true))},
}

// entryOf makes the entry of a row of the sheet, its cells by field; the quantity is read
// by the caller.
func (s sheetFormat) entryOf(v map[string]string, quantity float64) Entry {
	party := func(field string) PartyInput {
		return PartyInput{USCC: v[field+".uscc"], Name: v[field+".name"], IDOrPhone: v[field+".id_or_phone"]}
	}
	item := Item{Product: v["product_name"], GTIN: v["gtin"], Batch: v["batch_no"], Quantity: quantity, Unit: v["unit"], Origin: v["origin"]}
	switch s.kind {
	case kindCertificate:
		return Entry{Certificate: &CertificateInput{Number: v["cert_no"], Date: v["date"], Producer: party("producer"),
			Market: v["market"], HarvestDate: v["harvest_date"], Item: item}}
	case kindTicket:
		return Entry{Ticket: &TicketInput{Number: v["ticket_no"], Date: v["date"], Market: v["market"], Seller: party("seller"),
			Buyer: party("buyer"), BatchBy: v["batch_by"], RapidTest: v["rapid_test"], Item: item}}
	}
	lineKind := Purchase
	if s.kind == kindSale {
		lineKind = Sale
	}
	return Entry{Line: &LedgerLineInput{Kind: lineKind, Business: v["business"], Counterparty: party("counterparty"), Date: v["date"],
		TicketNo: v["ticket_no"], Voucher: v["voucher"], BatchBy: v["batch_by"], Item: item}}
}
