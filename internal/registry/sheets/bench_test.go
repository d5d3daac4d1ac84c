package sheets

import (
	"bufio"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkImport100k imports a 100,000-row workbook into a fresh database of each engine
// and reports the peak Go heap and the peak resident set of the import (the targets:
// 20 s and 500 MB). Run it once: go test -run '^$' -bench Import100k -benchtime 1x.
func BenchmarkImport100k(b *testing.B) {
	const rows = 100_000
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			station := mustTree(b, st).Station.ID
			data := benchWorkbook(b, rows, station)
			b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
			for i := 0; i < b.N; i++ {
				if i > 0 {
					b.StopTimer()
					st = storetest.Open(b, d)
					station = mustTree(b, st).Station.ID
					b.StartTimer()
				}
				importOnce(b, st, data, rows)
			}
		})
	}
}

func benchWorkbook(b *testing.B, n int, station int64) []byte {
	b.Helper()
	rows := make([]sheetRow, n)
	for i := range rows {
		rows[i].In = goodInput(i+1, station)
	}
	return mustWorkbook(b, rows)
}

// importOnce imports data, checks that every row went in and reports the memory peaks.
func importOnce(b *testing.B, st *store.Store, data []byte, rows int) {
	b.StopTimer()
	runtime.GC()
	resetPeakRSS()
	peak := watchHeap()
	b.StartTimer()
	start := time.Now()
	res, err := NewImporter(registry.NewBusinessStore(st)).Import(context.Background(), data, anyStation)
	took := time.Since(start)
	b.StopTimer()
	heap := peak()
	if err != nil || res.Imported != rows {
		b.Fatalf("import: %v; %d imported, %d errors", err, res.Imported, len(res.Errors))
	}
	b.ReportMetric(took.Seconds(), "import-s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-rss-MB")
	}
	b.StartTimer()
}

// watchHeap samples the heap until the returned function is called, which returns the
// largest heap seen.
func watchHeap() func() uint64 {
	var top uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return top
	}
}

// resetPeakRSS restarts the kernel's resident-set high-water mark (Linux only).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the resident-set high-water mark in bytes, or 0 where unknown.
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkParse100k reads the 100,000-row workbook without the database, to tell the
// workbook's share of an import from the store's.
func BenchmarkParse100k(b *testing.B) {
	data := benchWorkbook(b, 100_000, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := parse(data)
		if err != nil || len(p.Inputs) != 100_000 {
			b.Fatalf("parse: %v", err)
		}
	}
}
