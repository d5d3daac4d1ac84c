package ticket

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
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

// holdings is what parties hold of lots: what stored events say, read once per place and
// lot through r, plus what the events booked so far brought and took. The batch keeps one
// over the read pool while it checks entries; capture's check builds one over its
// transaction (oversell.go).
type holdings struct {
	r      trace.TxReader
	stored map[string]stock // by place and lot
	moved  map[string]stock
}

func newHoldings(r trace.TxReader) *holdings {
	return &holdings{r: r, stored: map[string]stock{}, moved: map[string]stock{}}
}

// of returns what holder holds of lot.
func (h *holdings) of(ctx context.Context, holder party, lot string) (stock, error) {
	key := holder.uri() + " " + lot
	s, ok := h.stored[key]
	if !ok {
		var err error
		if s, err = h.storedOf(ctx, holder, lot); err != nil {
			return nil, err
		}
		h.stored[key] = s
	}
	sum := stock{}
	for _, part := range []stock{s, h.moved[key]} {
		for m, v := range part {
			sum[m] += v
		}
	}
	return sum, nil
}

// move books what a new event brings to holder (negative: takes from it) of lot.
func (h *holdings) move(holder party, lot string, quantity float64, uom string) {
	key := holder.uri() + " " + lot
	if h.moved[key] == nil {
		h.moved[key] = stock{}
	}
	h.moved[key].add(quantity, uom)
}

// storedOf is what stored events say holder holds of lot.
func (h *holdings) storedOf(ctx context.Context, holder party, lot string) (stock, error) {
	ids, err := uriIDs(ctx, h.r, lot, holder.uri(), receiving, shipping)
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
	err = h.r.Query(ctx, holdingsSQL, []any{ids[lot], owner, ids[holder.uri()], ids[receiving], ids[shipping]}, func(scan func(...any) error) error {
		var uom sql.NullString
		var quantity float64
		if err := scan(&uom, &quantity); err != nil {
			return err
		}
		s.add(quantity, uom.String)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("holdings of %s at %s: %w", lot, holder.key, err)
	}
	return s, nil
}

// uriIDs returns the ids of the URIs that are stored; the others are missing (zero).
func uriIDs(ctx context.Context, r trace.TxReader, uris ...string) (map[string]int64, error) {
	ids := map[string]int64{}
	marks := make([]string, len(uris))
	args := make([]any, len(uris))
	for i, u := range uris {
		marks[i], args[i] = "$"+strconv.Itoa(i+1), u
	}
	err := r.Query(ctx, `SELECT id, uri FROM epcis_uris WHERE uri IN (`+strings.Join(marks, ", ")+`)`, args, func(scan func(...any) error) error {
		var id int64
		var uri string
		if err := scan(&id, &uri); err != nil {
			return err
		}
		ids[uri] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up uris: %w", err)
	}
	return ids, nil
}

// poolReader reads on a connection pool, outside any transaction.
type poolReader struct{ db *sql.DB }

func (p poolReader) Query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error {
	rows, err := p.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
