package ticket

import (
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
)

// stock is what a party holds of a lot (库存), by measure: kilograms for weights, pieces for
// counts (no uom), and any other unit by its code.
type stock map[string]float64

// measure names the measure of uom and the factor that converts a quantity into it.
func measure(uom string) (string, float64) {
	if kg, ok := kilograms(1, uom); ok {
		return "kg", kg
	}
	if uom == "" {
		return "pcs", 1
	}
	return uom, 1
}

// add adds quantity in uom, negative for what leaves.
func (s stock) add(quantity float64, uom string) {
	m, factor := measure(uom)
	s[m] += quantity * factor
}

// covers reports whether the stock holds quantity in uom, to a milligram or a millionth
// of a piece.
func (s stock) covers(quantity float64, uom string) bool {
	m, factor := measure(uom)
	return s[m]+1e-6 >= quantity*factor
}

// String writes the stock for a message: "280 kg", "280 kg, 12 pcs", or "0".
func (s stock) String() string {
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

// The biz steps that move a lot in and out of a place, as Facts writes them.
var (
	receiving = epcis.CanonicalWord("receiving", epcis.BizStepWords)
	shipping  = epcis.CanonicalWord("shipping", epcis.BizStepWords)
)

// holdingsSQL sums, by unit, what of lot $1 events at a place have brought in or taken out:
// in, what was received, commissioned (any ADD) or made by a transformation (outputs); out,
// what was shipped or used as an input. The place is the business $2 owns the events, or
// the location $3 (for an unregistered party). Events declared erroneous do not count.
const holdingsSQL = `SELECT o.uom, SUM(CASE
		WHEN o.role = 5 OR o.role = 1 AND (e.action = 1 OR e.biz_step = $4) THEN o.quantity
		WHEN o.role = 4 OR o.role = 1 AND e.biz_step = $5 THEN -o.quantity
		ELSE 0 END)
	FROM epcis_event_objects o JOIN epcis_events e ON e.id = o.event_row
	WHERE o.uri_id = $1 AND o.quantity IS NOT NULL AND e.declared_ms IS NULL
		AND (e.owner_id = $2 OR COALESCE(e.biz_location, e.read_point) = $3)
	GROUP BY o.uom`

// holding returns what holder holds of lot: what stored events say, plus what the batch's
// earlier movements brought and took.
func (b *batch) holding(holder party, lot string) (stock, error) {
	key := holder.uri() + " " + lot
	s, ok := b.stocks[key]
	if !ok {
		var err error
		if s, err = b.storedHolding(holder, lot); err != nil {
			return nil, err
		}
		b.stocks[key] = s
	}
	sum := stock{}
	for _, part := range []stock{s, b.moved[key]} {
		for m, v := range part {
			sum[m] += v
		}
	}
	return sum, nil
}

// move books what a new event brings to holder (negative: takes from it) of lot.
func (b *batch) move(holder party, lot string, quantity float64, uom string) {
	key := holder.uri() + " " + lot
	if b.moved[key] == nil {
		b.moved[key] = stock{}
	}
	b.moved[key].add(quantity, uom)
}

// storedHolding is what stored events say holder holds of lot.
func (b *batch) storedHolding(holder party, lot string) (stock, error) {
	ids, err := b.uriIDs(lot, holder.uri(), receiving, shipping)
	if err != nil {
		return nil, err
	}
	s := stock{}
	if ids[lot] == 0 {
		return s, nil
	}
	var owner int64
	if holder.business != nil {
		owner = holder.business.id
	}
	rows, err := b.st.ReadDB().QueryContext(b.ctx, holdingsSQL, ids[lot], owner, ids[holder.uri()], ids[receiving], ids[shipping])
	if err != nil {
		return nil, fmt.Errorf("holdings of %s at %s: %w", lot, holder.key, err)
	}
	defer rows.Close()
	for rows.Next() {
		var uom sql.NullString
		var quantity float64
		if err := rows.Scan(&uom, &quantity); err != nil {
			return nil, fmt.Errorf("holdings of %s at %s: %w", lot, holder.key, err)
		}
		s.add(quantity, uom.String)
	}
	return s, rows.Err()
}

// uriIDs returns the ids of the URIs that are stored; the others are missing (zero).
func (b *batch) uriIDs(uris ...string) (map[string]int64, error) {
	ids := map[string]int64{}
	marks := make([]string, len(uris))
	args := make([]any, len(uris))
	for i, u := range uris {
		marks[i], args[i] = "$"+strconv.Itoa(i+1), u
	}
	rows, err := b.st.ReadDB().QueryContext(b.ctx, `SELECT id, uri FROM epcis_uris WHERE uri IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("look up uris: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uri string
		if err := rows.Scan(&id, &uri); err != nil {
			return nil, fmt.Errorf("look up uris: %w", err)
		}
		ids[uri] = id
	}
	return ids, rows.Err()
}
