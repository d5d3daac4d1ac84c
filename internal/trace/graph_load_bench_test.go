package trace

import (
	"context"
	"os"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace/graph"
)

// BenchmarkLoadIndex rebuilds the trace index from the events captured in the database
// SHEJIAN_TRACE_BENCH_DB names (fill one with `shejian bench trace --db DSN`):
//
//	SHEJIAN_TRACE_BENCH_DB=sqlite:/tmp/trace.db go test -run - -bench LoadIndex -benchtime 1x ./internal/trace
func BenchmarkLoadIndex(b *testing.B) {
	dsn := os.Getenv("SHEJIAN_TRACE_BENCH_DB")
	if dsn == "" {
		b.Skip("set SHEJIAN_TRACE_BENCH_DB to a database with captured events to run this benchmark")
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var n int64
	for b.Loop() {
		if n, err = NewStore(st).LoadIndex(context.Background(), graph.New(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
