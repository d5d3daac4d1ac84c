package registry

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// benchDBEnv names a database holding a generated city (e.g. `shejian bench registry` at
// province size) for the write benchmark; it is written to, so use a copy.
const benchDBEnv = "SHEJIAN_BENCH_DB"

// BenchmarkUpdateAudit times editing a business with and without its audit entry (and the
// before and after states it reads), on the city in benchDBEnv; each iteration edits one
// business in each mode:
//
//	SHEJIAN_BENCH_DB=sqlite:/tmp/province.db go test -run - -bench UpdateAudit -benchtime 1000x ./internal/registry
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
	rng := rand.New(rand.NewPCG(1, 2))
	lat := map[string][]time.Duration{}
	defer func() { auditing = true }()
	// Alternate the two modes edit by edit, so that the cache, checkpoints and other load
	// weigh on both alike.
	for b.Loop() {
		for _, mode := range []struct {
			name string
			on   bool
		}{{"audit-off", false}, {"audit-on", true}} {
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
			auditing = mode.on
			start := time.Now()
			if _, err := businesses.Update(ctx, id, in, nil); err != nil {
				b.Fatalf("update business %d: %v", id, err)
			}
			lat[mode.name] = append(lat[mode.name], time.Since(start))
		}
	}
	for name, l := range lat {
		slices.Sort(l)
		b.ReportMetric(float64(l[len(l)/2].Microseconds()), name+"-p50-µs")
		b.ReportMetric(float64(l[len(l)*99/100].Microseconds()), name+"-p99-µs")
	}
}
