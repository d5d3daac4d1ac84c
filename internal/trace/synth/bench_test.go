package synth

import "testing"

// BenchmarkDocuments measures generation: planning the flows and writing their events as
// JSON, in documents of 1,000 events, as bench trace feeds capture.
func BenchmarkDocuments(b *testing.B) {
	const events = 200_000
	c := New(Config{Events: events, Seed: 1})
	var bytes int64
	b.ReportAllocs()
	for b.Loop() {
		bytes = 0
		err := c.Documents(1000, func(doc []byte) error {
			bytes += int64(len(doc))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(events*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(bytes)/events, "bytes/event")
}

// BenchmarkLots measures drawing lots to trace, which plans the chain again without
// writing it.
func BenchmarkLots(b *testing.B) {
	const events = 200_000
	c := New(Config{Events: events, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Lots(1000, 7)) != 1000 {
			b.Fatal("fewer lots than asked")
		}
	}
	b.ReportMetric(float64(events*b.N)/b.Elapsed().Seconds(), "events/s")
}
