package trace

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
)

// Holdings (库存) are what a party holds of a lot, reckoned from events: what events at its
// place received, commissioned (any ADD) or made (transformation outputs), less what they
// shipped or used (inputs), events declared erroneous left out. Its place is every site of
// a registered business (the events it owns) or, for a party that is not registered, its
// location. Capture checks 一票通 sales against them (ticket_sales.go); package ticket checks
// the entries it records.

// Stock is what a party holds of a lot, by measure: kilograms for weights, pieces for counts
// (no uom), and any other unit by its code.
type Stock map[string]float64

// measure names the measure of uom and the factor that converts a quantity into it.
func measure(uom string) (string, float64) {
	switch uom {
	case "KGM":
		return "kg", 1
	case "TNE":
		return "kg", 1000
	case "GRM":
		return "kg", 0.001
	case "":
		return "pcs", 1
	}
	return uom, 1
}

// Add adds quantity in uom, negative for what leaves.
func (s Stock) Add(quantity float64, uom string) {
	m, factor := measure(uom)
	s[m] += quantity * factor
}

// Holds reports whether the stock holds wanted, to a milligram or a millionth of a piece.
func (s Stock) Holds(wanted Stock) bool {
	for m, v := range wanted {
		if s[m]+1e-6 < v {
			return false
		}
	}
	return true
}

// String writes the stock for a message: "280 kg", "280 kg, 12 pcs", or "0".
func (s Stock) String() string {
	var parts []string
	for _, m := range []string{"kg", "pcs"} {
		if v := s[m]; math.Abs(v) > 1e-9 {
			parts = append(parts, strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)+" "+m)
		}
	}
	for m, v := range s {
		if m != "kg" && m != "pcs" && math.Abs(v) > 1e-9 {
			parts = append(parts, strconv.FormatFloat(v, 'f', -1, 64)+" "+m)
		}
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, ", ")
}

// Holder is a party whose holdings are reckoned: events owned by Business (a registered
// business, 0 for none) count, and events at Location (its place, an unregistered party's
// own).
type Holder struct {
	Business int64
	Location string
}

// The biz steps that move a lot in and out of a place, as Facts writes them.
var (
	stepReceiving = epcis.CanonicalWord("receiving", epcis.BizStepWords)
	stepShipping  = epcis.CanonicalWord("shipping", epcis.BizStepWords)
)

// Holdings are what holders hold of lots: what stored events say, read once per lot through
// a reader, plus the movements booked since (Move), events about to be stored.
type Holdings struct {
	r       TxReader
	dialect store.Dialect
	ids     map[string]int64   // URIs looked up, 0 for one not stored
	stored  map[string][]moved // by lot, once read: what stored events moved, by place
	booked  map[string][]moved // by lot
}

// moved is a quantity of a lot that events at a place brought in (negative: took out). A
// stored place is an epcis_uris id, a booked one the location itself.
type moved struct {
	owner    int64
	place    int64
	location string
	uom      string
	quantity float64
}

// NewHoldings returns the holdings read through r, on a database of dialect d.
func NewHoldings(r TxReader, d store.Dialect) *Holdings {
	return &Holdings{r: r, dialect: d, ids: map[string]int64{}, stored: map[string][]moved{}, booked: map[string][]moved{}}
}

// Of returns what holder holds of lot.
func (h *Holdings) Of(ctx context.Context, holder Holder, lot string) (Stock, error) {
	if err := h.Read(ctx, []string{lot}, []string{holder.Location}); err != nil {
		return nil, err
	}
	place := h.ids[holder.Location]
	s := Stock{}
	for _, m := range h.stored[lot] {
		if holder.Business != 0 && m.owner == holder.Business || place != 0 && m.place == place {
			s.Add(m.quantity, m.uom)
		}
	}
	for _, m := range h.booked[lot] {
		if holder.Business != 0 && m.owner == holder.Business || m.location == holder.Location {
			s.Add(m.quantity, m.uom)
		}
	}
	return s, nil
}

// Move books what a new event brings to holder (negative: takes from it) of lot.
func (h *Holdings) Move(holder Holder, lot string, quantity float64, uom string) {
	h.booked[lot] = append(h.booked[lot], moved{owner: holder.Business, location: holder.Location, uom: uom, quantity: quantity})
}

// Read reads what stored events say of lots not read yet, and the ids of locations, in one
// statement each: Of reads what it needs itself, one lot at a time.
func (h *Holdings) Read(ctx context.Context, lots, locations []string) error {
	var uris []string
	for _, u := range append(append([]string{stepReceiving, stepShipping}, lots...), locations...) {
		if _, ok := h.ids[u]; !ok && u != "" {
			h.ids[u] = 0
			uris = append(uris, u)
		}
	}
	if len(uris) > 0 {
		if err := uriIDs(ctx, h.r, h.dialect, uris, h.ids); err != nil {
			return fmt.Errorf("look up lots and places: %w", err)
		}
	}
	var unread []int64
	lotOf := map[int64]string{}
	for _, lot := range lots {
		if _, ok := h.stored[lot]; ok {
			continue
		}
		h.stored[lot] = nil
		if id := h.ids[lot]; id != 0 {
			unread = append(unread, id)
			lotOf[id] = lot
		}
	}
	if len(unread) == 0 {
		return nil
	}
	q := holdingsSQL(h.dialect)
	err := h.r.Query(ctx, q, []any{listArg(h.dialect, unread), h.ids[stepReceiving], h.ids[stepShipping]}, func(scan func(...any) error) error {
		var lot int64
		var m moved
		var uom sql.NullString
		if err := scan(&lot, &m.owner, &m.place, &uom, &m.quantity); err != nil {
			return err
		}
		m.uom = uom.String
		h.stored[lotOf[lot]] = append(h.stored[lotOf[lot]], m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("holdings of %d lots: %w", len(unread), err)
	}
	return nil
}

// holdingsSQL sums, by lot, owner, place and unit, what the events of the lots of list $1
// brought in and took out: in, what was received (biz step $2), commissioned (any ADD) or
// made by a transformation (outputs); out, what was shipped (biz step $3) or used as an
// input. Events declared erroneous do not count.
func holdingsSQL(d store.Dialect) string {
	rows := lookupSQL(d, `o.uri_id AS lot, COALESCE(e.owner_id, 0) AS owner,
		COALESCE(e.biz_location, e.read_point, 0) AS place, o.uom, CASE
		WHEN o.role = 5 OR o.role = 1 AND (e.action = 1 OR e.biz_step = $2) THEN o.quantity
		WHEN o.role = 4 OR o.role = 1 AND e.biz_step = $3 THEN -o.quantity
		ELSE 0 END AS quantity`,
		`epcis_event_objects o JOIN epcis_events e ON e.id = o.event_row`, "o.uri_id", "bigint",
		"o.quantity IS NOT NULL AND e.declared_ms IS NULL")
	return `SELECT lot, owner, place, uom, SUM(quantity) FROM (` + rows + `) AS moved GROUP BY lot, owner, place, uom`
}

// moveOf is what object o of an event with facts f brings to the event's place (negative:
// takes from it), as holdingsSQL reckons it.
func moveOf(f *epcis.Facts, o *epcis.Object) float64 {
	switch {
	case !o.HasQuantity:
		return 0
	case o.Role == epcis.RoleOutput || o.Role == epcis.RoleEPC && (f.Action == "ADD" || f.BizStep == stepReceiving):
		return o.Quantity
	case o.Role == epcis.RoleInput || o.Role == epcis.RoleEPC && f.BizStep == stepShipping:
		return -o.Quantity
	}
	return 0
}
