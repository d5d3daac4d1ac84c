package registry

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// benchDBEnv names a database holding a generated city (e.g. `shejian bench registry` at
// province size) for the write benchmark; it is written to, so use a copy.
const benchDBEnv = "SHEJIAN_BENCH_DB"

// BenchmarkUpdateAudit times editing a business with and without its audit entry (and the
// before and after states it reads), on the city in benchDBEnv:
//
//	SHEJIAN_BENCH_DB=sqlite:/tmp/province.db go test -run - -bench UpdateAudit -benchtime 2000x ./internal/registry
func BenchmarkUpdateAudit(b *testing.B) {
	dsn := os.Getenv(benchDBEnv)
	if dsn == "" {
		b.Skipf("set %s to a database with a generated city to run this benchmark", benchDBEnv)
	}
	ctx := context.Background()
	st, err := store.OpenAndMigrate(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var maxID int64
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT max(id) FROM businesses`).Scan(&maxID); err != nil {
		b.Fatal(err)
	}
	businesses := NewBusinessStore(st)
	for _, mode := range []struct {
		name   string
		record func(context.Context, *sql.Tx, audit.Event) error
	}{
		{"audit=off", func(context.Context, *sql.Tx, audit.Event) error { return nil }},
		{"audit=on", audit.Record},
	} {
		b.Run(mode.name, func(b *testing.B) {
			record = mode.record
			defer func() { record = audit.Record }()
			rng := rand.New(rand.NewPCG(1, 2))
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				id := rng.Int64N(maxID) + 1
				cur, err := businesses.Get(ctx, id)
				if isNotFound(err) {
					continue
				}
				if err != nil {
					b.Fatal(err)
				}
				in := cur.Input()
				in.FloorArea++
				start := time.Now()
				if _, err := businesses.Update(ctx, id, in); err != nil {
					b.Fatalf("update business %d: %v", id, err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}
