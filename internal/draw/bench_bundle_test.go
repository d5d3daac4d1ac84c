package draw

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// BenchmarkBundle times the bundle of a published draw over SHEJIAN_DRAW_BENCH_BUSINESSES
// businesses (default 100,000; the city of BenchmarkTaskStore) on each engine: packing it
// (what drawing now adds), building it from the task's rows as the first download of a
// task drawn before bundles were stored, and the downloads of the stored bundle, gzip and
// decompressed on the way, and as a client that has it. peak-heap-MB is the most heap the
// runtime held during the operations, garbage not yet collected included.
func BenchmarkBundle(b *testing.B) {
	n := benchBusinesses()
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) { benchBundle(b, storetest.Open(b, engine), n) })
	}
}

func benchBundle(b *testing.B, st *store.Store, n int) {
	ctx := context.Background()
	book, err := rules.New(st)
	if err != nil {
		b.Fatal(err)
	}
	draws := NewStore(st, book, calendar.Default())
	task := benchPublishedTask(b, st, draws, n)
	router := web.NewRouter(nil)
	NewHandler(draws).Routes(router)
	path := "/api/v1/public/draws/" + task.Code + "/bundle"
	f, err := draws.bundleFile(ctx, task.ID)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d businesses: bundle of %d MB of JSON, %d MB gzip in %d pieces", n, f.JSONSize>>20, f.GzipSize>>20, f.Chunks)
	b.Run("pack", func(b *testing.B) {
		bundle, err := draws.Bundle(ctx, task.ID)
		if err != nil {
			b.Fatal(err)
		}
		measurePeakHeap(b, func() {
			if _, err := packBundle(bundle); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("build", func(b *testing.B) {
		measurePeakHeap(b, func() {
			b.StopTimer()
			forgetBundle(b, st, task.ID)
			b.StartTimer()
			if _, err := draws.bundleFile(ctx, task.ID); err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, d := range []struct {
		name    string
		size    int64
		headers []string
		status  int
	}{
		{"download-gzip", f.GzipSize, []string{"Accept-Encoding", "gzip"}, 200},
		{"download-json", f.JSONSize, nil, 200},
		{"not-modified", 0, []string{"Accept-Encoding", "gzip", "If-None-Match", `"` + f.GzipSHA256 + `"`}, 304},
	} {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(d.size)
			measurePeakHeap(b, func() {
				req := httptest.NewRequest("GET", path, nil)
				for i := 0; i+1 < len(d.headers); i += 2 {
					req.Header.Set(d.headers[i], d.headers[i+1])
				}
				w := &discardResponse{header: http.Header{}}
				router.ServeHTTP(w, req)
				if w.status != d.status || w.n != d.size {
					b.Fatalf("%d with %d bytes, want %d with %d", w.status, w.n, d.status, d.size)
				}
			})
		})
	}
}

// benchPublishedTask draws and publishes a task over a city of n businesses and logs what
// the draw took.
func benchPublishedTask(b *testing.B, st *store.Store, draws *Store, n int) Task {
	ctx := context.Background()
	city := benchCity(b, st, draws, n)
	cfg, err := DefaultConfig(ctx, draws.book, time.Now(), "BUNDLE-1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	cfg.ExcludeOwnStation = true
	task, err := draws.CreateTask(ctx, NewTask{OrgUnitID: city, Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := draws.Draw(ctx, task.ID, ""); err != nil {
		b.Fatal(err)
	}
	b.Logf("draw, bundle stored with it: %s", time.Since(start).Round(time.Millisecond))
	if task, err = draws.Publish(ctx, task.ID); err != nil {
		b.Fatal(err)
	}
	return task
}

// measurePeakHeap runs op in a benchmark loop and reports the most heap held meanwhile.
func measurePeakHeap(b *testing.B, op func()) {
	runtime.GC()
	stop, peak := make(chan struct{}), make(chan uint64)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var most uint64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			most = max(most, sample[0].Value.Uint64())
			select {
			case <-stop:
				peak <- most
				return
			case <-tick.C:
			}
		}
	}()
	for b.Loop() {
		op()
	}
	close(stop)
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
}

// discardResponse is a response writer that counts the body and keeps nothing: a recorder
// would hold a quarter of a gigabyte.
type discardResponse struct {
	header http.Header
	status int
	n      int64
	once   sync.Once
}

func (d *discardResponse) Header() http.Header { return d.header }

func (d *discardResponse) WriteHeader(status int) { d.once.Do(func() { d.status = status }) }

func (d *discardResponse) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	d.n += int64(len(p))
	return len(p), nil
}
