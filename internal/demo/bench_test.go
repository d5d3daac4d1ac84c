package demo

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkGenerateCity generates the city size (100,000 businesses) on each engine:
// go test -run '^$' -bench GenerateCity ./internal/demo/ (PostgreSQL needs SHEJIAN_TEST_POSTGRES).
func BenchmarkGenerateCity(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			var businesses int64
			for range b.N {
				b.StopTimer()
				st := storetest.Open(b, d)
				b.StartTimer()
				city, err := Generate(context.Background(), st, Options{Size: SizeCity, Seed: 1}, nil)
				if err != nil {
					b.Fatal(err)
				}
				businesses += city.Businesses
			}
			b.ReportMetric(float64(businesses)/b.Elapsed().Seconds(), "businesses/s")
		})
	}
}

// timingEnv names the sizes TestGenerateTiming generates on each engine, e.g.
// SHEJIAN_DEMO_TIMING=city,province; the test is skipped when it is unset.
const timingEnv = "SHEJIAN_DEMO_TIMING"

// TestGenerateTiming times the big sizes by hand (they are too slow for the default run);
// its databases are removed when it ends.
func TestGenerateTiming(t *testing.T) {
	sizes := os.Getenv(timingEnv)
	if sizes == "" {
		t.Skipf("set %s=city,province to time the big sizes", timingEnv)
	}
	for _, name := range strings.Split(sizes, ",") {
		size, err := ParseSize(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range storetest.Engines {
			t.Run(string(size)+"/"+string(d), func(t *testing.T) {
				st := storetest.Open(t, d)
				start, written := time.Now(), time.Duration(0)
				city, err := Generate(context.Background(), st, Options{Size: size, Seed: 1}, func(done, total int64) {
					if done == total {
						written = time.Since(start)
					}
				})
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s on %s: %d businesses, %d org units, %d people in %v (rows written after %v, then indexes)",
					size, d, city.Businesses, city.OrgUnits, city.People, city.Took.Round(time.Millisecond), written.Round(time.Millisecond))
			})
		}
	}
}
