package export

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// Exporter writes the regulator export (监管导出) of the events a trace store holds.
type Exporter struct {
	st     *store.Store
	events *trace.Store
}

// NewExporter returns the exporter of the events of st.
func NewExporter(st *store.Store, events *trace.Store) *Exporter {
	return &Exporter{st: st, events: events}
}

// Options say for whom an export is made.
type Options struct {
	Scope access.Scope
	// Unmasked shows businesses' phone numbers in full (personal.read), else masked.
	Unmasked bool
	// Now is the time the README gives as the generation time.
	Now time.Time
}

// MaxRows is the most rows a sheet holds: a worksheet's rows less the header.
const MaxRows = excelize.TotalRows - 1

// Export reads the events of req inside the caller's scope and writes the workbook: a
// README sheet, then one sheet per CTE (see the package doc).
func (x *Exporter) Export(ctx context.Context, req Request, opts Options) (*Workbook, error) {
	c := newCollection(req.Product)
	if err := c.collect(ctx, x.events, opts.Scope, req); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for _, cte := range CTEs {
		if n := len(c.records[cte]); n > MaxRows {
			return nil, apperr.New(apperr.TooLarge, "export.too_large", map[string]any{"sheet": cte.Sheet(), "rows": n, "max": MaxRows})
		}
	}
	if err := x.complete(ctx, c.records); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	places, err := newPlaceBook(ctx, x.st, opts.Scope, opts.Unmasked, locations(c.records))
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	wb, err := write(c, req, opts, places)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return wb, nil
}

// complete fills what a record's own event does not say: the TLC source of a lot made
// elsewhere, and the description of a lot another record describes; and sorts each
// sheet by time.
func (x *Exporter) complete(ctx context.Context, records map[CTE][]Record) error {
	products := map[string]string{}
	need := map[string]bool{}
	for _, rs := range records {
		for i := range rs {
			r := &rs[i]
			if r.Product != "" {
				products[r.TLC] = r.Product
			}
			if r.TLCSource == "" && r.TLC != "" {
				need[r.TLC] = true
			}
		}
	}
	origins := map[string]string{}
	for part := range slices.Chunk(slices.Sorted(maps.Keys(need)), idChunk) {
		found, err := x.events.LotOrigins(ctx, part)
		if err != nil {
			return err
		}
		maps.Copy(origins, found)
	}
	for _, rs := range records {
		for i := range rs {
			r := &rs[i]
			r.Product = cmp.Or(r.Product, products[r.TLC])
			if r.TLCSource == "" {
				r.TLCSource = cmp.Or(origins[r.TLC], assigner(r.TLC))
			}
			if r.Input != nil {
				r.Input.Product = cmp.Or(r.Input.Product, products[r.Input.TLC])
			}
		}
		slices.SortStableFunc(rs, func(a, b Record) int {
			return cmp.Or(a.Time.Compare(b.Time), strings.Compare(a.TLC, b.TLC), strings.Compare(a.EventID, b.EventID))
		})
	}
	return nil
}

// assigner is the place that assigned the batch number of one of our lots
// (urn:shejian:lot:<key>:<batch>, key a USCC or an unregistered party's name and
// suffix), or "".
func assigner(lot string) string {
	rest, ok := strings.CutPrefix(lot, ticket.LotPrefix)
	i := strings.LastIndexByte(rest, ':')
	switch {
	case !ok || i <= 0:
		return ""
	case strings.Contains(rest[:i], ":"):
		return ticket.PartyPrefix + rest[:i]
	}
	return trace.LocationPrefix + rest[:i]
}

// locations lists every place the records name.
func locations(records map[CTE][]Record) []string {
	var out []string
	for _, rs := range records {
		for _, r := range rs {
			out = append(out, r.Location, r.From, r.To, r.TLCSource)
		}
	}
	return out
}
