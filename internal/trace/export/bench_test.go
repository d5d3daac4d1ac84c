package export

import (
	"context"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/synth"
)

// benchEvents is the size of the chain BenchmarkExport captures; SHEJIAN_EXPORT_BENCH_EVENTS
// changes it.
func benchEvents(b *testing.B) int {
	n := 100_000
	if v := os.Getenv("SHEJIAN_EXPORT_BENCH_EVENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("SHEJIAN_EXPORT_BENCH_EVENTS=%q: %v", v, err)
		}
	}
	return n
}

// BenchmarkExport captures a synthetic chain through the real capture path, then times
// the export of every product over its whole span (every event read, each CTE's rows
// written) and of one farm product's lots, the workbook written out, on each engine.
func BenchmarkExport(b *testing.B) {
	n := benchEvents(b)
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			ch := synth.New(synth.Config{Events: n, Seed: 1})
			var docs [][]byte
			if err := ch.Documents(1000, func(doc []byte) error { docs = append(docs, append([]byte(nil), doc...)); return nil }); err != nil {
				b.Fatal(err)
			}
			w := newWorld(b, storetest.Open(b, d), ch.Businesses(), docs)
			// The chain's events lie in the Span (180 days) before its End, 2026-01-01.
			year := func(product string) Request {
				return Request{Product: mustRequest(b, product, "2025-01-01", "2025-12-31").Product,
					From: time.Date(2025, 1, 1, 0, 0, 0, 0, calendar.China), To: time.Date(2025, 12, 31, 0, 0, 0, 0, calendar.China)}
			}
			gtin := gtinOf(ch.Lots(1, 7)[0])
			for _, c := range []struct {
				name string
				req  Request
			}{{"every-product", year(AllProducts)}, {"one-gtin", year(gtin)}} {
				b.Run(c.name, func(b *testing.B) {
					rows, events := 0, 0
					for b.Loop() {
						wb, err := w.exporter.Export(context.Background(), c.req, Options{Scope: w.cityScope(), Now: ch.Config().End})
						if err != nil {
							b.Fatal(err)
						}
						if _, err := wb.WriteTo(io.Discard); err != nil {
							b.Fatal(err)
						}
						rows, events = 0, wb.Events
						for _, r := range wb.Rows {
							rows += r
						}
						wb.Close()
					}
					b.ReportMetric(float64(rows), "rows")
					b.ReportMetric(float64(events), "events")
				})
			}
		})
	}
}
