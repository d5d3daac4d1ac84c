package ticket

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// shipping is the biz step of a sale's shipping event, as Facts writes it.
var shipping = epcis.CanonicalWord("shipping", epcis.BizStepWords)

// Ticket is a 一票通 ticket as recorded: the facts of the sale, read from its events.
type Ticket struct {
	Number    string     `json:"ticket_no"`
	Date      string     `json:"date"`
	Seller    PartyView  `json:"seller"`
	Buyer     PartyView  `json:"buyer"`
	Market    *PartyView `json:"market,omitempty"`
	Lot       string     `json:"lot"`
	GTIN      string     `json:"gtin,omitempty"`
	Batch     string     `json:"batch_no"`
	Product   string     `json:"product_name,omitempty"`
	Origin    string     `json:"origin,omitempty"`
	Quantity  float64    `json:"quantity"`
	UOM       string     `json:"uom,omitempty"`
	CountUnit string     `json:"unit,omitempty"`
	RapidTest string     `json:"rapid_test,omitempty"`
	// Events are the recorded events of the sale: the seller's shipping, the buyer's
	// receiving, and any partner's event naming the ticket.
	Events []RecordedEvent `json:"events"`
}

// RecordedEvent is one stored event of a ticket.
type RecordedEvent struct {
	EventID string `json:"event_id"`
	BizStep string `json:"biz_step"`
}

// PartyView is a party of a ticket: its URI, and its USCC and name.
type PartyView struct {
	URI  string `json:"uri"`
	USCC string `json:"uscc,omitempty"`
	Name string `json:"name"`
}

// ticketSQL reads the events that carry a business transaction, oldest first; declared
// erroneous ones are withdrawn.
const ticketSQL = `SELECT e.json FROM epcis_event_values v JOIN epcis_events e ON e.id = v.event_row
	WHERE v.value_id = (SELECT id FROM epcis_uris WHERE uri = $1) AND v.kind = 1 AND e.declared_ms IS NULL
	ORDER BY e.event_ms, e.id`

// Ticket returns ticket number as the caller of ctx may see it: it must be a party of the
// sale (seller, buyer or market) or have one in its scope; else the ticket is not found.
func (r *Recorder) Ticket(ctx context.Context, number string) (*Ticket, error) {
	rows, err := r.st.ReadDB().QueryContext(ctx, ticketSQL, trace.TicketPrefix+escape(number))
	if err != nil {
		return nil, fmt.Errorf("read ticket %s: %w", number, err)
	}
	t := &Ticket{Number: number}
	err = scanTicket(rows, t)
	rows.Close()
	if err != nil {
		return nil, err
	}
	visible, err := nameParties(ctx, newBusinesses(r.st), t, access.ScopeFrom(ctx))
	if err != nil {
		return nil, err
	}
	if len(t.Events) == 0 || !visible {
		return nil, apperr.New(apperr.NotFound, "ticket.not_found", map[string]any{"number": number})
	}
	return t, nil
}

// scanTicket fills t from the events of its rows; the seller's shipping, which carries
// the rapid test and the market, is read last so that it has the final word.
func scanTicket(rows *sql.Rows, t *Ticket) error {
	var docs []string
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return fmt.Errorf("read ticket %s: %w", t.Number, err)
		}
		docs = append(docs, doc)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read ticket %s: %w", t.Number, err)
	}
	for _, shippingLast := range []bool{false, true} {
		for _, doc := range docs {
			if err := t.read(doc, shippingLast); err != nil {
				return err
			}
		}
	}
	return nil
}

// read takes what an event says of the ticket, in one of two rounds: every event but the
// seller's shipping first, that one last.
func (t *Ticket) read(doc string, shippingRound bool) error {
	events, err := epcis.Parse([]byte(doc))
	if err != nil || len(events) != 1 {
		return fmt.Errorf("read event of ticket %s: %w", t.Number, err)
	}
	f, err := events[0].Facts()
	if err != nil {
		return fmt.Errorf("read event of ticket %s: %w", t.Number, err)
	}
	if (f.BizStep == shipping) != shippingRound {
		return nil
	}
	var ext event
	json.Unmarshal([]byte(doc), &ext) // Parse read it already; only the sj: fields are wanted
	t.Events = append(t.Events, RecordedEvent{EventID: f.EventID, BizStep: f.BizStep})
	c := factsCore(&f)
	t.Date, t.Lot, t.Quantity, t.UOM = day(f.EventTime), c.lot, c.quantity, c.uom
	t.Seller, t.Buyer = partyView(c.from), partyView(c.to)
	t.GTIN, t.Batch, _, _ = lotParts(c.lot)
	t.Product, t.Origin, t.CountUnit = ext.Product, ext.Origin, ext.CountUnit
	for _, s := range f.Sources {
		if s.Type == epcis.CanonicalWord("location", epcis.SourceDestTypeWords) && s.Value != c.from {
			market := partyView(s.Value)
			t.Market = &market
		}
	}
	if shippingRound {
		t.RapidTest = ext.RapidTest
	}
	return nil
}

// nameParties fills in the names of the ticket's registered parties, looked up in bs, and
// reports whether scope may see the ticket.
func nameParties(ctx context.Context, bs *businesses, t *Ticket, scope access.Scope) (bool, error) {
	visible := false
	for _, p := range []*PartyView{&t.Seller, &t.Buyer, t.Market} {
		if p == nil {
			continue
		}
		if p.USCC == "" {
			continue
		}
		b, err := bs.withUSCC(ctx, p.USCC)
		if err != nil {
			return false, err
		}
		if b != nil {
			p.Name, visible = b.name, visible || b.coveredBy(scope)
		}
	}
	return visible, nil
}

// partyView is the party of uri: a registered business by its USCC (its name is looked up
// later), an unregistered one by its name and ID suffix.
func partyView(uri string) PartyView {
	if uscc, ok := strings.CutPrefix(uri, trace.LocationPrefix); ok {
		return PartyView{URI: uri, USCC: uscc, Name: uscc}
	}
	return PartyView{URI: uri, Name: partyLabel(uri)}
}

// ticketPath is the page of a ticket.
func ticketPath(number string) string { return "/tickets/" + url.PathEscape(number) }

// Path is the ticket's page, its number escaped as one path segment.
func (t Ticket) Path() string { return ticketPath(t.Number) }
