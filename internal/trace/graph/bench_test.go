package graph

import (
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchEvents is the size of the chain the query benchmarks build: 1,000,000 events, or
// SHEJIAN_GRAPH_BENCH_EVENTS (10000000 for the target).
func benchEvents(tb testing.TB) int64 {
	s := os.Getenv("SHEJIAN_GRAPH_BENCH_EVENTS")
	if s == "" {
		return 1_000_000
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		tb.Fatalf("SHEJIAN_GRAPH_BENCH_EVENTS=%q is not a positive number", s)
	}
	return n
}

// benchChain is the index the query benchmarks share, built once.
var benchChain struct {
	once          sync.Once
	ix            *Index
	gen           *chainGen
	events        int
	bytesPerEvent float64
	addNs         float64 // AddBatch time per event, generation left out
}

func sharedChain(b *testing.B) *Index {
	n := benchEvents(b)
	benchChain.once.Do(func() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ix := New()
		var adding time.Duration
		batch := make([]Event, 0, 4096)
		flush := func() {
			start := time.Now()
			if err := ix.AddBatch(batch); err != nil {
				b.Fatal(err)
			}
			adding += time.Since(start)
			batch = batch[:0]
		}
		gen := newChainGen(1, func(e Event) {
			if batch = append(batch, e); len(batch) == cap(batch) {
				flush()
			}
		})
		gen.generate(n)
		flush()
		batch = nil
		runtime.GC()
		runtime.ReadMemStats(&after)
		events := ix.Stats().Events
		benchChain.ix, benchChain.gen, benchChain.events = ix, gen, events
		benchChain.bytesPerEvent = float64(after.HeapAlloc-before.HeapAlloc) / float64(events)
		benchChain.addNs = float64(adding.Nanoseconds()) / float64(events)
	})
	return benchChain.ix
}

// benchQueries runs query over the sampled lots in turn and reports the latency p50 and
// p99, the steps per answer and the index's size and build speed.
func benchQueries(b *testing.B, lots func(*chainGen) []string, query func(ix *Index, id string) (int, error)) {
	ix := sharedChain(b)
	ids := lots(benchChain.gen)
	var took []time.Duration
	steps := 0
	for b.Loop() {
		id := ids[len(took)%len(ids)]
		start := time.Now()
		n, err := query(ix, id)
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		steps += n
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds())/1e3, "p99-µs")
	b.ReportMetric(float64(steps)/float64(len(took)), "steps/op")
	b.ReportMetric(float64(benchChain.events), "events")
	b.ReportMetric(benchChain.bytesPerEvent, "B/event")
	b.ReportMetric(benchChain.addNs, "add-ns/event")
}

func farmLots(g *chainGen) []string { return g.farmLots }
func endLots(g *chainGen) []string  { return g.endLots }

// BenchmarkForward traces farm lots downstream through markets, processors, pallets,
// shops and the central kitchen.
func BenchmarkForward(b *testing.B) {
	benchQueries(b, farmLots, func(ix *Index, id string) (int, error) {
		t, err := ix.Forward(id, Options{})
		return len(t.Steps), err
	})
}

// BenchmarkBackward traces product and meal lots upstream to their farms.
func BenchmarkBackward(b *testing.B) {
	benchQueries(b, endLots, func(ix *Index, id string) (int, error) {
		t, err := ix.Backward(id, Options{})
		return len(t.Steps), err
	})
}

// BenchmarkRecall computes the recall scope of farm lots.
func BenchmarkRecall(b *testing.B) {
	benchQueries(b, farmLots, func(ix *Index, id string) (int, error) {
		r, err := ix.Recall(id, Options{})
		return len(r.Places), err
	})
}

// generated returns the first n events of a chain, and the generator with its samples.
func generated(n int) ([]Event, *chainGen) {
	events := make([]Event, 0, n)
	gen := newChainGen(2, func(e Event) {
		if len(events) < n {
			events = append(events, e)
		}
	})
	gen.generate(int64(n))
	return events, gen
}

// BenchmarkAdd adds events one by one, as capture does; ns/op is per event.
func BenchmarkAdd(b *testing.B) {
	events, _ := generated(b.N)
	ix := New()
	b.ResetTimer()
	for _, e := range events {
		if err := ix.Add(e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddBatch adds events in batches of 4096, as the start-up rebuild does; ns/op is
// per event.
func BenchmarkAddBatch(b *testing.B) {
	events, _ := generated(b.N)
	ix := New()
	b.ResetTimer()
	for batch := range slices.Chunk(events, 4096) {
		if err := ix.AddBatch(batch); err != nil {
			b.Fatal(err)
		}
	}
}
