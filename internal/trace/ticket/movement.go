package ticket

import (
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// kind is what an entry records.
type kind uint8

const (
	kindCertificate kind = iota + 1
	kindTicket
	kindPurchase
	kindSale
)

// partyRef is a party as an entry names it, before the registry is asked: a USCC, or the
// key of an unregistered party. field is the entry's field that names it.
type partyRef struct {
	uscc, key, field string
}

// movement is an entry checked on its own (fields trimmed, read and converted), then its
// parties looked up and its lot decided. from is the seller (the producer of a
// certificate), to the buyer; a certificate has no buyer.
type movement struct {
	entry          *Entry
	kind           kind
	number         string // the ticket or certificate number
	ticket         string // the ticket number of a ticket or of a ledger line that names one
	voucher        string
	at             time.Time
	harvest        time.Time
	fromRef, toRef partyRef
	marketUSCC     string
	batchBy        string // USCC
	item           checkedItem
	test           string // pass, fail or empty

	from, to party     // resolved
	market   *business // the market of a ticket or certificate, if any
	lot      string    // the lot identity
}

// checkedItem is an Item read: the quantity in uom (none for a count of countUnit).
type checkedItem struct {
	product, gtin, batch, origin string
	quantity                     float64
	uom, countUnit               string
}

// readEntry checks an entry on its own and returns it as a movement, with every field
// error it has.
func readEntry(e *Entry, now time.Time) (movement, []apperr.FieldError) {
	var c apperr.Collector
	m := movement{entry: e}
	switch {
	case e.Ticket != nil:
		m.readTicket(&c, e.Ticket, now)
	case e.Certificate != nil:
		m.readCertificate(&c, e.Certificate, now)
	case e.Line != nil:
		m.readLine(&c, e.Line, now)
	}
	if m.toRef.field != "" && (m.fromRef.uscc != "" && m.fromRef.uscc == m.toRef.uscc || m.fromRef.key != "" && m.fromRef.key == m.toRef.key) {
		c.Add(m.toRef.field+suffixOf(m.toRef), "same_party", nil)
	}
	return m, fieldsOf(c.Err())
}

func (m *movement) readTicket(c *apperr.Collector, in *TicketInput, now time.Time) {
	m.kind = kindTicket
	m.number = checkNumber(c, "ticket_no", in.Number)
	m.ticket = m.number
	m.at = checkWhen(c, "date", in.Date, true, now)
	m.marketUSCC = checkUSCC(c, "market", in.Market)
	m.fromRef = checkParty(c, "seller", in.Seller)
	m.toRef = checkParty(c, "buyer", in.Buyer)
	m.batchBy = checkUSCC(c, "batch_by", in.BatchBy)
	m.test = checkTest(c, in.RapidTest)
	m.item = checkItem(c, in.Item)
}

func (m *movement) readCertificate(c *apperr.Collector, in *CertificateInput, now time.Time) {
	m.kind = kindCertificate
	m.number = checkNumber(c, "cert_no", in.Number)
	m.at = checkWhen(c, "date", in.Date, true, now)
	m.harvest = checkWhen(c, "harvest_date", in.HarvestDate, false, now)
	if !m.harvest.IsZero() && !m.at.IsZero() && day(m.harvest) > day(m.at) {
		c.Add("harvest_date", "harvest_after_issue", nil)
	}
	m.marketUSCC = checkUSCC(c, "market", in.Market)
	m.fromRef = checkParty(c, "producer", in.Producer)
	m.item = checkItem(c, in.Item)
}

func (m *movement) readLine(c *apperr.Collector, in *LedgerLineInput, now time.Time) {
	own := partyRef{uscc: checkUSCC(c, "business", in.Business), field: "business"}
	if own.uscc == "" {
		c.Add("business", "required", nil)
	}
	other := checkParty(c, "counterparty", in.Counterparty)
	switch strings.TrimSpace(in.Kind) {
	case Purchase:
		m.kind, m.fromRef, m.toRef = kindPurchase, other, own
	case Sale:
		m.kind, m.fromRef, m.toRef = kindSale, own, other
	default:
		c.Add("kind", "one_of", map[string]any{"values": Purchase + ", " + Sale})
	}
	m.at = checkWhen(c, "date", in.Date, true, now)
	m.ticket = strings.TrimSpace(in.TicketNo)
	checkText(c, "ticket_no", m.ticket, maxNumber)
	m.voucher = strings.TrimSpace(in.Voucher)
	checkText(c, "voucher", m.voucher, maxNumber)
	m.batchBy = checkUSCC(c, "batch_by", in.BatchBy)
	m.item = checkItem(c, in.Item)
}

// suffixOf is the subfield of a party field that names it: none for a ledger's own
// business (a plain USCC), else its USCC or, for an unregistered party, its name.
func suffixOf(p partyRef) string {
	switch {
	case p.field == "business":
		return ""
	case p.uscc != "":
		return ".uscc"
	}
	return ".name"
}

// fieldsOf returns the field errors of a collector's error.
func fieldsOf(err error) []apperr.FieldError {
	if err == nil {
		return nil
	}
	return apperr.From(err).Fields
}
