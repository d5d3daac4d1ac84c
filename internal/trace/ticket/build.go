package ticket

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/trace"
)

// event is one EPCIS 2.0 ObjectEvent as this package writes it, in the JSON-LD binding;
// the sj: fields are our extension fields (prefix sj, namespace Namespace).
type event struct {
	Type              string            `json:"type"`
	EventID           string            `json:"eventID,omitempty"`
	EventTime         string            `json:"eventTime"`
	TimeZoneOffset    string            `json:"eventTimeZoneOffset"`
	CertificationInfo string            `json:"certificationInfo,omitempty"`
	Action            string            `json:"action"`
	QuantityList      []quantity        `json:"quantityList"`
	BizStep           string            `json:"bizStep"`
	Disposition       string            `json:"disposition"`
	ReadPoint         *place            `json:"readPoint"`
	BizLocation       *place            `json:"bizLocation,omitempty"`
	BizTransactions   []transaction     `json:"bizTransactionList,omitempty"`
	Sources           []source          `json:"sourceList,omitempty"`
	Destinations      []destination     `json:"destinationList,omitempty"`
	ILMD              map[string]string `json:"ilmd,omitempty"`
	Product           string            `json:"sj:productName,omitempty"`
	Origin            string            `json:"sj:origin,omitempty"`
	CountUnit         string            `json:"sj:unit,omitempty"`
	RapidTest         string            `json:"sj:rapidTest,omitempty"`
}

type quantity struct {
	Class    string  `json:"epcClass"`
	Quantity float64 `json:"quantity"`
	UOM      string  `json:"uom,omitempty"`
}

type place struct {
	ID string `json:"id"`
}

type transaction struct {
	Type  string `json:"type"`
	Value string `json:"bizTransaction"`
}

type source struct {
	Type  string `json:"type"`
	Value string `json:"source"`
}

type destination struct {
	Type  string `json:"type"`
	Value string `json:"destination"`
}

// The sides of a movement: each becomes one event.
const (
	sideCommissioning = "commissioning"
	sideShipping      = "shipping"
	sideReceiving     = "receiving"
)

// sides are the events a movement makes: a certificate the lot's origin, a ticket both
// ends of the sale, a ledger line its own business's end.
func (m *movement) sides() []string {
	switch m.kind {
	case kindCertificate:
		return []string{sideCommissioning}
	case kindTicket:
		return []string{sideShipping, sideReceiving}
	case kindPurchase:
		return []string{sideReceiving}
	}
	return []string{sideShipping}
}

// event builds the movement's event of side.
func (m *movement) event(side string) event {
	e := event{Type: "ObjectEvent", EventID: m.eventID(side), EventTime: eventTime(m.at), TimeZoneOffset: zoneOffset,
		Action: "OBSERVE", QuantityList: []quantity{{Class: m.lot, Quantity: m.item.quantity, UOM: m.item.uom}},
		BizStep: side, Product: m.item.product, Origin: m.item.origin, CountUnit: m.item.countUnit}
	switch side {
	case sideCommissioning:
		e.Action, e.Disposition = "ADD", "active"
		e.ReadPoint, e.BizLocation = &place{m.from.uri()}, &place{m.from.uri()}
		e.CertificationInfo = CertificatePrefix + m.from.key + ":" + escape(m.number)
		e.ILMD = m.ilmd()
		e.Product, e.Origin = "", ""
		return e
	case sideShipping:
		e.Disposition, e.ReadPoint = "in_transit", &place{m.from.uri()}
		if m.kind == kindTicket {
			e.RapidTest = m.test
		}
	case sideReceiving:
		e.Disposition, e.ReadPoint, e.BizLocation = "in_progress", &place{m.to.uri()}, &place{m.to.uri()}
	}
	e.BizTransactions = m.transactions()
	from := m.from.uri()
	if m.market != nil {
		from = m.market.uri()
	}
	e.Sources = []source{{"owning_party", m.from.uri()}, {"location", from}}
	e.Destinations = []destination{{"owning_party", m.to.uri()}, {"location", m.to.uri()}}
	return e
}

// uri is the location of a market.
func (b *business) uri() string { return party{key: b.uscc, business: b}.uri() }

// ilmd is the lot master data a certificate gives its batch: the batch number, the
// product, its origin and its harvest date.
func (m *movement) ilmd() map[string]string {
	d := map[string]string{"cbvmda:lotNumber": m.item.batch, "sj:productName": m.item.product}
	if m.item.origin != "" {
		d["sj:origin"] = m.item.origin
	}
	if !m.harvest.IsZero() {
		d["cbvmda:harvestStartDate"] = day(m.harvest)
	}
	return d
}

// transactions are the business transactions of a sale: its ticket, else the seller's
// voucher.
func (m *movement) transactions() []transaction {
	switch {
	case m.ticket != "":
		return []transaction{{trace.TicketType, trace.TicketPrefix + escape(m.ticket)}}
	case m.voucher != "":
		return []transaction{{"desadv", VoucherPrefix + m.from.key + ":" + escape(m.voucher)}}
	}
	return nil
}

// eventID is the eventID of the movement's side, derived from what joins the entries of one
// sale: the ticket number, else the seller's voucher and the lot, or the certificate.
// Without any the event has none, and capture names it by its Event Hash ID.
func (m *movement) eventID(side string) string {
	switch {
	case m.kind == kindCertificate:
		return eventID("cert:" + m.from.key + ":" + m.number)
	case m.ticket != "":
		return eventID("ticket:" + m.ticket + ":" + side)
	case m.voucher != "":
		return eventID("voucher:" + m.from.key + ":" + m.voucher + ":" + m.lot + ":" + side)
	}
	return ""
}

// document is an EPCIS 2.0 document of events, declaring our extension namespace.
func document(events []event, created time.Time) ([]byte, error) {
	doc := map[string]any{
		"@context":      []any{"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", map[string]string{"sj": Namespace}},
		"type":          "EPCISDocument",
		"schemaVersion": "2.0",
		"creationDate":  created.UTC().Format("2006-01-02T15:04:05.000Z"),
		"epcisBody":     map[string]any{"eventList": events},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("write document: %w", err)
	}
	return buf.Bytes(), nil
}
