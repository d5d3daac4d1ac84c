package trace

import (
	"context"
	"runtime"
	"testing"

	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkCaptureWrite measures the database's part of capture alone, on each engine: the
// transaction that stores a prepared document of benchEvents events (looking up its
// eventIDs, interning its URIs, inserting its job, events, objects and values).
func BenchmarkCaptureWrite(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			w := newWorld(b, st)
			mustCapture(b, w.events, benchDocument(w, 0), System) // warm the caches and the statements
			ctx := context.Background()
			for n := 1; b.Loop(); n++ {
				b.StopTimer()
				now := clock()
				p, err := prepare(benchDocument(w, n), now, MaxEvents, runtime.GOMAXPROCS(0))
				if err != nil || len(p.problems) > 0 {
					b.Fatal(err, p.problems)
				}
				if err := w.events.lookUpURIs(ctx, &p); err != nil {
					b.Fatal(err)
				}
				job := Job{ReceivedAt: now, State: JobSucceeded, EventCount: p.events, Context: p.context}
				b.StartTimer()
				err = w.events.inWriteTx(ctx, func(tw writer) error {
					written, err := w.events.writeDocument(ctx, tw, &job, &p, nil)
					if len(written.problems) > 0 {
						b.Fatal(written.problems)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*benchEvents)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
