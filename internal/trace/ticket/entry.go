package ticket

// PartyInput names a seller, buyer, supplier or producer (当事方): a registered business by
// its unified social credit code (统一社会信用代码), or an unregistered one (a farmer) by
// name and ID card or phone number, of which only the last four characters are kept.
type PartyInput struct {
	USCC      string `json:"uscc,omitempty"`
	Name      string `json:"name,omitempty"`
	IDOrPhone string `json:"id_or_phone,omitempty"`
}

// Item is what an entry moves: a product (品名), its GTIN (商品条码) when it has one, the
// batch number (批次号), the quantity (数量) in a unit (单位) and the origin (产地).
type Item struct {
	Product  string  `json:"product_name"`
	GTIN     string  `json:"gtin,omitempty"`
	Batch    string  `json:"batch_no"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	Origin   string  `json:"origin,omitempty"`
}

// TicketInput is a 一票通 ticket: the voucher of one sale at a market, from seller to buyer.
// Market is the USCC of the market it was issued at; a stall's own market when left out.
// BatchBy is the USCC of whoever assigned the batch number, when the seller holds several
// lots of that number. RapidTest is the market's rapid test (快检结果): pass (合格), fail
// (不合格) or none.
type TicketInput struct {
	Number    string     `json:"ticket_no"`
	Date      string     `json:"date"`
	Market    string     `json:"market,omitempty"`
	Seller    PartyInput `json:"seller"`
	Buyer     PartyInput `json:"buyer"`
	BatchBy   string     `json:"batch_by,omitempty"`
	RapidTest string     `json:"rapid_test,omitempty"`
	Item
}

// CertificateInput is a 承诺达标合格证: the producer's certificate that a batch meets the
// standards, issued on Date for the batch harvested on HarvestDate (采收日期). Market is
// the USCC of the market that checked it at entry (入市查验), which may enter it for an
// unregistered producer.
type CertificateInput struct {
	Number      string     `json:"cert_no"`
	Date        string     `json:"date"`
	Producer    PartyInput `json:"producer"`
	Market      string     `json:"market,omitempty"`
	HarvestDate string     `json:"harvest_date,omitempty"`
	Item
}

// The kinds of ledger lines.
const (
	Purchase = "purchase" // 进货查验记录: goods received from a supplier
	Sale     = "sale"     // 销售台账: goods sold to a buyer
)

// LedgerLineInput is a line of a business's purchase or sales ledger: Business is the USCC
// of the business whose ledger it is, Counterparty its supplier or buyer. TicketNo joins the
// line to the market's ticket of the same sale; Voucher names the seller's own voucher
// (送货单、发票) when there is no ticket.
type LedgerLineInput struct {
	Kind         string     `json:"kind"`
	Business     string     `json:"business"`
	Counterparty PartyInput `json:"counterparty"`
	Date         string     `json:"date"`
	TicketNo     string     `json:"ticket_no,omitempty"`
	Voucher      string     `json:"voucher,omitempty"`
	BatchBy      string     `json:"batch_by,omitempty"`
	Item
}

// Entry is one thing to record: exactly one of Ticket, Certificate and Line. Sheet and Row
// say where an import read it (a problem names them); both are empty for a form or the API.
type Entry struct {
	Ticket      *TicketInput
	Certificate *CertificateInput
	Line        *LedgerLineInput
	Sheet       string
	Row         int
}
