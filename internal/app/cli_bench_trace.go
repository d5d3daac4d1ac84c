package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/sync/errgroup"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/synth"
)

// traceFigures are what `bench trace --json` prints as its last line.
type traceFigures struct {
	Engine             string  `json:"engine"`
	Events             int     `json:"events"`
	CaptureEventsPerS  float64 `json:"capture_events_per_s"`
	VacuumS            float64 `json:"vacuum_s,omitempty"`
	IndexRebuildS      float64 `json:"index_rebuild_s"`
	IndexBytesPerEvent float64 `json:"index_bytes_per_event"`
	TraceP50Ms         float64 `json:"trace_p50_ms"`
	TraceP99Ms         float64 `json:"trace_p99_ms"`
	RecallP50Ms        float64 `json:"recall_p50_ms"`
	RecallP99Ms        float64 `json:"recall_p99_ms"`
	CTELots            int     `json:"cte_lots"`
	CTETraceP50Ms      float64 `json:"cte_trace_p50_ms"`
	CTETraceP99Ms      float64 `json:"cte_trace_p99_ms"`
	SpeedupP99         float64 `json:"speedup_p99"`
	PeakRSSMB          float64 `json:"peak_rss_mb"`
}

// runBenchTrace generates a synthetic supply chain of N events, captures it through the
// real capture path, rebuilds the trace index from the database and times traces and
// recalls of random lots against the recursive-CTE baseline on the same engine.
func runBenchTrace(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("bench trace", out)
	events := fs.Int("events", 1_000_000, "events to generate and capture")
	dsn := fs.String("db", "", "an empty database: sqlite:PATH or postgres://… (default: a new SQLite file, removed after)")
	asJSON := fs.Bool("json", false, "end with one line of JSON holding the figures")
	seed := fs.Int64("seed", 1, "seed of the chain and of the lots traced")
	lots := fs.Int("lots", 1000, "random lots to trace")
	cteLots := fs.Int("cte-lots", 100, "lots the recursive-CTE baseline traces (it takes seconds each at scale)")
	senders := fs.Int("senders", 4, "documents captured at once")
	vacuum := fs.Bool("vacuum", true, "on PostgreSQL, vacuum and analyse the captured tables before the rebuild, as autovacuum does after a bulk load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *events < 1 || *lots < 1 || *cteLots < 0 || *senders < 1 {
		return fmt.Errorf("bench trace: --events, --lots and --senders must be positive, --cte-lots not negative")
	}
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "shejian-bench-trace-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dsn = "sqlite:" + filepath.Join(dir, "trace.db")
	}
	st, err := openDemoCity(ctx, *dsn, "small", *seed, out)
	if err != nil {
		return err
	}
	defer func() { // the store reopened for the rebuild, unless that failed
		if st != nil {
			st.Close()
		}
	}()
	var count int64
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM epcis_events`).Scan(&count); err != nil {
		return err
	}
	if count > 0 {
		return fmt.Errorf("bench trace: the database already holds %d events; give an empty one", count)
	}
	chain := synth.New(synth.Config{Events: *events, Seed: uint64(*seed)})
	if err := registerChain(ctx, st, chain.Businesses()); err != nil {
		return err
	}
	f := traceFigures{Engine: string(st.Dialect()), Events: *events}
	if f.CaptureEventsPerS, err = captureChain(ctx, st, chain, *senders, out); err != nil {
		return err
	}
	if st, err = reopenAtStart(ctx, st, *dsn); err != nil {
		return err
	}
	if *vacuum && st.Dialect() == store.Postgres {
		if f.VacuumS, err = vacuumCaptured(ctx, st, out); err != nil {
			return err
		}
	}
	ix, err := rebuildIndex(ctx, st, &f, out)
	if err != nil {
		return err
	}
	if err := timeIndexTraces(ix, chain.Lots(*lots, uint64(*seed)), &f); err != nil {
		return err
	}
	// Our figures are printed before the baseline runs: at scale its traces take seconds to
	// minutes each, and a run stopped then still leaves what it measured of ours.
	f.PeakRSSMB = peakRSSMB()
	printIndexFigures(out, f, *lots)
	if err := timeBaseline(ctx, st, chain.Lots(*cteLots, uint64(*seed)), &f, out); err != nil {
		return err
	}
	printBaselineFigures(out, f)
	if *asJSON {
		return json.NewEncoder(out).Encode(f)
	}
	return nil
}

// reopenAtStart closes st and opens the database afresh, as the server finds it at start,
// where the trace index is rebuilt: SQLite copies the capture's log into the database as its
// last connection closes, and the memory the capture held is collected. Rebuilt in the same
// process just after ten million events were captured, the index took 49.1 s, with that log
// copied and that memory collected meanwhile; a process that opens the database then takes
// 22.0–24.9 s.
func reopenAtStart(ctx context.Context, st *store.Store, dsn string) (*store.Store, error) {
	if err := st.Close(); err != nil {
		return nil, fmt.Errorf("bench trace: close the database after capture: %w", err)
	}
	runtime.GC()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("bench trace: open the database again: %w", err)
	}
	return st, nil
}

// vacuumCaptured vacuums and analyses the tables capture filled on PostgreSQL and returns
// the seconds it took. A server started after a bulk load finds them so, once autovacuum
// has run (a thousand rows inserted set it off): the rows' commit status is then marked in
// their pages, and the statistics count them. Without, the first read of each row marks it,
// writing the table's pages again: the rebuild just after ten million events were captured
// took 47.2 s, and 28.6–29.9 s when the same rows were read again (10 GB of rows; the
// vacuum took 38.1 s, and the rebuild after it 30.2 s, 24.8–31.5 s in a fresh process;
// 23.1 s once the event keys left their map for sorted buckets, trace/key_rows.go).
func vacuumCaptured(ctx context.Context, st *store.Store, out io.Writer) (float64, error) {
	fmt.Fprintln(out, "vacuuming the captured tables, as autovacuum does after a bulk load …")
	start := time.Now()
	if _, err := st.DB().ExecContext(ctx, `VACUUM (ANALYZE) epcis_uris, epcis_events, epcis_event_objects, epcis_event_values`); err != nil {
		return 0, fmt.Errorf("bench trace: vacuum the captured tables: %w", err)
	}
	took := time.Since(start).Seconds()
	fmt.Fprintf(out, "vacuumed the captured tables in %.1f s\n", took)
	return took, nil
}

// benchDocumentEvents is the most events a captured document holds: the chain fills each
// document with whole flows up to it.
const benchDocumentEvents = 1000

// captureChain captures the chain's documents with senders at once and returns the events
// captured per second.
func captureChain(ctx context.Context, st *store.Store, chain *synth.Chain, senders int, out io.Writer) (float64, error) {
	events := trace.NewStore(st)
	total := int64(chain.Config().Events)
	bar := progressbar.NewOptions64(total, progressbar.OptionSetWriter(out), progressbar.OptionSetDescription("采集 capturing"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish())
	docs := make(chan []byte, senders)
	g, gctx := errgroup.WithContext(ctx)
	var mu sync.Mutex
	for range senders {
		g.Go(func() error {
			for doc := range docs {
				job, err := events.Capture(gctx, doc, trace.System)
				if err != nil {
					return fmt.Errorf("capture: %w", err)
				}
				mu.Lock()
				bar.Add(job.EventCount)
				mu.Unlock()
			}
			return nil
		})
	}
	start := time.Now()
	g.Go(func() error {
		defer close(docs)
		return chain.Documents(benchDocumentEvents, func(doc []byte) error {
			select {
			case docs <- bytes.Clone(doc):
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	})
	err := g.Wait()
	took := time.Since(start)
	bar.Finish()
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(out, "captured %d events on %s in %s\n", total, st.Dialect(), took.Round(time.Millisecond))
	return float64(total) / took.Seconds(), nil
}

// rebuildIndex loads the trace index from the database, as the server does at start, and
// measures its time and size.
func rebuildIndex(ctx context.Context, st *store.Store, f *traceFigures, out io.Writer) (*graph.Index, error) {
	before := heapInUse()
	bar := progressbar.NewOptions64(int64(f.Events), progressbar.OptionSetWriter(out), progressbar.OptionSetDescription("建立追溯索引 indexing"),
		progressbar.OptionShowCount(), progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
	ix := graph.New()
	events := trace.NewStore(st) // which keeps the keys of the events it loads beside the index
	start := time.Now()
	n, err := events.LoadIndex(ctx, ix, func(done, total int64) {
		bar.ChangeMax64(total)
		bar.Set64(done)
	})
	bar.Finish()
	if err != nil {
		return nil, err
	}
	f.IndexRebuildS = time.Since(start).Seconds()
	f.IndexBytesPerEvent = float64(heapInUse()-before) / float64(max(n, 1))
	runtime.KeepAlive(events)
	fmt.Fprintf(out, "rebuilt the trace index of %d events in %.1f s\n", n, f.IndexRebuildS)
	return ix, nil
}

// timeIndexTraces traces each lot backward and forward and takes its recall scope.
func timeIndexTraces(ix *graph.Index, lots []string, f *traceFigures) error {
	var traces, recalls []time.Duration
	for _, lot := range lots {
		for _, walk := range []func(string, graph.Options) (graph.Trace, error){ix.Backward, ix.Forward} {
			start := time.Now()
			if _, err := walk(lot, graph.Options{}); err != nil {
				return fmt.Errorf("trace %s: %w", lot, err)
			}
			traces = append(traces, time.Since(start))
		}
		start := time.Now()
		if _, err := ix.Recall(lot, graph.Options{}); err != nil {
			return fmt.Errorf("recall %s: %w", lot, err)
		}
		recalls = append(recalls, time.Since(start))
	}
	f.TraceP50Ms, f.TraceP99Ms = millis(traces, 50), millis(traces, 99)
	f.RecallP50Ms, f.RecallP99Ms = millis(recalls, 50), millis(recalls, 99)
	return nil
}

// timeBaseline runs the recursive-CTE traces of lots.
func timeBaseline(ctx context.Context, st *store.Store, lots []string, f *traceFigures, out io.Writer) error {
	if len(lots) == 0 {
		return nil
	}
	fmt.Fprintf(out, "tracing %d lots with a recursive CTE on %s …\n", len(lots), st.Dialect())
	lat, err := timeCTETraces(ctx, st, lots)
	if err != nil {
		return err
	}
	f.CTELots = len(lots)
	f.CTETraceP50Ms, f.CTETraceP99Ms = millis(lat, 50), millis(lat, 99)
	if f.TraceP99Ms > 0 {
		f.SpeedupP99 = f.CTETraceP99Ms / f.TraceP99Ms
	}
	return nil
}

// millis is the p-th percentile of lat in milliseconds.
func millis(lat []time.Duration, p int) float64 {
	if len(lat) == 0 {
		return 0
	}
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	i := (len(sorted)*p + 99) / 100
	return float64(sorted[max(0, min(i, len(sorted))-1)].Microseconds()) / 1000
}

// printIndexFigures prints the figures of capture and of the trace index.
func printIndexFigures(out io.Writer, f traceFigures, lots int) {
	fmt.Fprintf(out, "trace on %s, %d events:\n", f.Engine, f.Events)
	fmt.Fprintf(out, "  capture                %10.0f events/s\n", f.CaptureEventsPerS)
	if f.VacuumS > 0 {
		fmt.Fprintf(out, "  vacuum after capture   %10.1f s\n", f.VacuumS)
	}
	fmt.Fprintf(out, "  index rebuild          %10.1f s, %.0f bytes/event\n", f.IndexRebuildS, f.IndexBytesPerEvent)
	fmt.Fprintf(out, "  trace (%d lots, both ways)  p50 %8.3f ms  p99 %8.3f ms\n", lots, f.TraceP50Ms, f.TraceP99Ms)
	fmt.Fprintf(out, "  recall                 p50 %8.3f ms  p99 %8.3f ms\n", f.RecallP50Ms, f.RecallP99Ms)
	fmt.Fprintf(out, "  peak memory            %10.0f MB\n", f.PeakRSSMB)
}

// printBaselineFigures prints the recursive-CTE baseline's figures against ours.
func printBaselineFigures(out io.Writer, f traceFigures) {
	if f.CTELots > 0 {
		fmt.Fprintf(out, "  recursive CTE (%d lots)  p50 %8.3f ms  p99 %8.3f ms   ours is %.0f× faster at p99\n",
			f.CTELots, f.CTETraceP50Ms, f.CTETraceP99Ms, f.SpeedupP99)
	}
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// peakRSSMB is the process's peak resident set (VmHWM on Linux), or the memory obtained
// from the system where /proc is absent.
func peakRSSMB() float64 {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(data)) {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64); err == nil {
					return kb / 1024
				}
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.Sys) / (1 << 20)
}
