package journey

import (
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkAnswers times the answers over the small chain's L1 as the city admin and as
// the kitchen's operator: the index's walks plus this package's reads of the businesses
// and eventIDs of the places and steps, and the rendering.
func BenchmarkAnswers(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			w := newWorld(b, storetest.Open(b, d))
			lot := url.QueryEscape(w.fix.Cases[0].Lot)
			for _, c := range []struct {
				name   string
				caller caller
			}{{"city", w.cityAdmin()}, {"operator", w.operator(kitchen)}} {
				for _, q := range [][2]string{{"forward", "/api/v1/trace?direction=forward&id="}, {"recall", "/api/v1/recall?id="},
					{"page", "/trace?id="}} {
					b.Run(c.name+"/"+q[0], func(b *testing.B) {
						for b.Loop() {
							if rec := w.call(c.caller, "GET", q[1]+lot, ""); rec.Code != 200 {
								b.Fatalf("%d", rec.Code)
							}
						}
					})
				}
			}
		})
	}
}
