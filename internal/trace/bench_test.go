package trace

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// benchEvents is the size of the documents the benchmark captures.
const benchEvents = 1000

// benchDocument is document n of the benchmark: benchEvents events without eventIDs
// (capture fills them with hash IDs), in pairs as a supply chain writes them: a lot shipped
// in a pallet (SSCC) against a purchase order from a partner's place, then received at a
// registered business (whose owner is looked up), each with a source and a destination.
func benchDocument(w *world, n int) []byte {
	events := make([]string, benchEvents)
	for i := range events {
		lot, step, place := n*benchEvents/2+i/2, "shipping", gs1Place
		if i%2 == 1 {
			step, place = "receiving", w.place(lot%2)
		}
		events[i] = fmt.Sprintf(`{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": %q,
			"eventTime": "2024-05-01T10:%02d:%02d.123+08:00", "eventTimeZoneOffset": "+08:00",
			"epcList": ["urn:epc:id:sscc:6901234.%010d"],
			"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.L%d", "quantity": 20.5, "uom": "KGM"}],
			"readPoint": {"id": %q}, "bizLocation": {"id": %q},
			"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:PO%d"}],
			"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00000"}],
			"destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:6901235.00000"}]}`,
			step, i/60%60, i%60, lot, lot, place, place, lot)
	}
	return document(events...)
}

// BenchmarkCapture measures capture with full validation, documents of 1,000 events, on
// each engine: one document after another (serial), and as many at once as there are
// cores (parallel), as concurrent senders do.
func BenchmarkCapture(b *testing.B) {
	for _, d := range storetest.Engines {
		for _, mode := range []string{"serial", "parallel"} {
			b.Run(string(d)+"/"+mode, func(b *testing.B) {
				st := storetest.Open(b, d)
				w := newWorld(b, st)
				mustCapture(b, w.events, benchDocument(w, 0), System) // warm the caches and the statements
				if mode == "serial" {
					for n := 1; b.Loop(); n++ {
						b.StopTimer()
						doc := benchDocument(w, n)
						b.StartTimer()
						mustCapture(b, w.events, doc, System)
					}
				} else {
					docs := make([][]byte, b.N)
					for i := range docs {
						docs[i] = benchDocument(w, 1+i)
					}
					var next atomic.Int64
					b.ResetTimer()
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							mustCapture(b, w.events, docs[next.Add(1)-1], System)
						}
					})
				}
				b.ReportMetric(float64(b.N*benchEvents)/b.Elapsed().Seconds(), "events/s")
				reportBytesPerEvent(b, st)
			})
		}
	}
}

// reportBytesPerEvent reports the database's size divided by its events.
func reportBytesPerEvent(b *testing.B, st *store.Store) {
	ctx := context.Background()
	q := `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`
	if st.Dialect() == store.Postgres {
		q = `SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'epcis%'`
	}
	var size, events int64
	if err := st.DB().QueryRowContext(ctx, q).Scan(&size); err != nil {
		b.Fatal(err)
	}
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM epcis_events`).Scan(&events); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(size)/float64(max(events, 1)), "B/event")
}
