package trace

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/query"
)

// benchQueryEvents is the size of the store the query benchmarks read.
const benchQueryEvents = 100_000

// BenchmarkEventsQuery answers a page (30 events) of queries over 100,000 events captured
// as benchDocument writes them (each lot shipped from a partner's place and received at a
// business, all within seventeen minutes of one morning), on each engine: the events of a
// lot (MATCH_epcClass, two each), and a minute of them (about 6,000) in capture order and
// by eventTime, as the city sees them and as a business operator does.
func BenchmarkEventsQuery(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			w := newWorld(b, st)
			for n := range benchQueryEvents / benchEvents {
				mustCapture(b, w.events, benchDocument(w, n), System)
			}
			if err := st.Analyze(b.Context()); err != nil {
				b.Fatal(err)
			}
			lots := benchQueryEvents / 2
			minute := "GE_eventTime=" + url.QueryEscape("2024-05-01T10:05:00+08:00") + "&LT_eventTime=" + url.QueryEscape("2024-05-01T10:06:00+08:00")
			for _, c := range []struct {
				name   string
				scope  access.Scope
				params func(i int) string
			}{
				{"MATCH_epcClass", access.Everywhere, func(i int) string {
					return fmt.Sprintf("MATCH_epcClass=urn:epc:class:lgtin:6901234.012345.L%d", i*7919%lots)
				}},
				{"time_range", access.Everywhere, func(int) string { return minute }},
				{"time_range_by_eventTime", access.Everywhere, func(int) string { return minute + "&orderBy=eventTime" }},
				{"time_range_operator", w.operator(0).Scope, func(int) string { return minute }},
			} {
				b.Run(c.name, func(b *testing.B) {
					for i := 0; b.Loop(); i++ {
						values, err := url.ParseQuery(c.params(i))
						if err != nil {
							b.Fatal(err)
						}
						q, err := query.Parse(values, nil)
						if err != nil {
							b.Fatal(err)
						}
						page, err := w.events.Events(b.Context(), c.scope, q)
						if err != nil || len(page.Events) == 0 {
							b.Fatalf("?%s: %d events, %v", c.params(i), len(page.Events), err)
						}
					}
				})
			}
		})
	}
}
