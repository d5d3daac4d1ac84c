package trace

import (
	"bytes"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/trace/synth"
)

// BenchmarkPrepare measures capture's work before its transaction on the documents of the
// synthetic chain `shejian bench trace` captures (1,000 events each): decoding, schema and
// rule validation, and making each event a record (facts, hash ID, JSON), on one core.
func BenchmarkPrepare(b *testing.B) {
	const events = 20_000
	var docs [][]byte
	chain := synth.New(synth.Config{Events: events, Seed: 1})
	err := chain.Documents(1000, func(doc []byte) error {
		docs = append(docs, bytes.Clone(doc))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	now := chain.Config().End.Add(time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		for _, doc := range docs {
			p, err := prepare(doc, now, MaxEvents, 1)
			if err != nil || len(p.problems) > 0 {
				b.Fatal(err, p.problems)
			}
		}
	}
	b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
}
