package ticket

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// ListSize is how many tickets the list shows, newest first.
const ListSize = 50

// listSQL reads the newest ticket events at businesses of a scope ({scope} is its
// condition on businesses b) or, for a market's operator, sourced at the market ($3).
const listSQL = `SELECT e.json FROM epcis_events e JOIN businesses b ON b.id = e.owner_id
	WHERE e.declared_ms IS NULL AND ({scope} OR EXISTS (SELECT 1 FROM epcis_event_values s
		WHERE s.event_row = e.id AND s.kind = 2 AND s.value_id = (SELECT id FROM epcis_uris WHERE uri = $3)))
	AND EXISTS (SELECT 1 FROM epcis_event_values v WHERE v.event_row = e.id AND v.kind = 1
		AND v.type_id = (SELECT id FROM epcis_uris WHERE uri = $1))
	ORDER BY e.event_ms DESC, e.id DESC LIMIT $4`

// scopeCondition is the condition on businesses b of scope s, its argument $2.
func scopeCondition(s access.Scope) (string, int64) {
	switch {
	case s.BusinessID != 0:
		return "b.id = $2", s.BusinessID
	case s.GridID != 0:
		return "b.grid_id = $2", s.GridID
	case s.StationID != 0:
		return "b.station_id = $2", s.StationID
	case s.DistrictID != 0:
		return "b.district_id = $2", s.DistrictID
	}
	return "b.id > $2", 0 // city-wide: every business
}

// Tickets lists the newest tickets the caller of ctx may see: with a party of the sale in
// its scope, each with its first event's facts and its parties' names.
func (r *Recorder) Tickets(ctx context.Context) ([]Ticket, error) {
	scope := access.ScopeFrom(ctx)
	cond, arg := scopeCondition(scope)
	var market string
	bs := newBusinesses(r.st)
	if scope.BusinessID != 0 {
		if b, err := bs.withID(ctx, scope.BusinessID); err != nil || b == nil {
			return nil, err
		} else if b.isMarket() {
			market = b.uri()
		}
	}
	rows, err := r.st.ReadDB().QueryContext(ctx, strings.Replace(listSQL, "{scope}", cond, 1), trace.TicketType, arg, market, 4*ListSize)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	defer rows.Close()
	var out []Ticket
	seen := map[string]bool{}
	for rows.Next() && len(out) < ListSize {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("list tickets: %w", err)
		}
		t, err := summary(doc)
		if err != nil {
			return nil, err
		}
		if t == nil || seen[t.Number] {
			continue
		}
		seen[t.Number] = true
		if _, err := nameParties(ctx, bs, t, scope); err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// summary is the ticket an event names, with that event's facts; nil for an event whose
// transaction is no ticket of ours.
func summary(doc string) (*Ticket, error) {
	events, err := epcis.Parse([]byte(doc))
	if err != nil || len(events) != 1 {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	f, err := events[0].Facts()
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	for _, tx := range f.BizTransactions {
		if number, ok := strings.CutPrefix(tx.Value, trace.TicketPrefix); ok && tx.Type == trace.TicketType {
			number, _ = url.PathUnescape(number)
			t := &Ticket{Number: number}
			return t, t.read(doc, f.BizStep == shipping)
		}
	}
	return nil, nil
}
