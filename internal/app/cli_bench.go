package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"
	"unicode"

	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// runBench measures whole-system figures: `bench registry` generates a city if the database
// is empty (timing it) and then times registry searches of three kinds; `bench trace`
// captures a synthetic supply chain and times traces (cli_bench_trace.go).
func runBench(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "trace" {
		return runBenchTrace(ctx, args[1:], out)
	}
	if len(args) == 0 || args[0] != "registry" {
		return errors.New("usage: shejian bench registry --db DSN [--size province] [--seed N] [--queries N]\n" +
			"       shejian bench trace --events N [--db DSN] [--json] [--lots N] [--cte-lots N] [--senders N]")
	}
	fs := newFlags("bench registry", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	sizeName := fs.String("size", string(demo.SizeProvince), "city to generate when the database is empty")
	seed := fs.Int64("seed", 1, "seed of the generated city and of the query sample")
	queries := fs.Int("queries", 200, "queries of each kind")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := openDemoCity(ctx, *dsn, *sizeName, *seed, out)
	if err != nil {
		return err
	}
	defer st.Close()
	sample, err := sampleBusinesses(ctx, st, *queries, *seed)
	if err != nil {
		return err
	}
	businesses := registry.NewBusinessStore(st)
	fmt.Fprintf(out, "registry search on %s, %d queries each (warm cache):\n", st.Dialect(), len(sample))
	for _, kind := range searchKinds {
		lat, err := timeSearches(ctx, businesses, sample, kind.filter)
		if err != nil {
			return fmt.Errorf("%s: %w", kind.name, err)
		}
		fmt.Fprintf(out, "  %-22s p50 %8s  p99 %8s  max %8s\n", kind.name, percentile(lat, 50), percentile(lat, 99), lat[len(lat)-1])
	}
	return nil
}

// searchKinds are the three searches the registry figures are reported for.
var searchKinds = []struct {
	name   string
	filter func(b *registry.Business) registry.BusinessFilter
}{
	{"chinese substring", func(b *registry.Business) registry.BusinessFilter {
		return registry.BusinessFilter{Q: hanSubstring(b.Name)}
	}},
	{"uscc", func(b *registry.Business) registry.BusinessFilter { return registry.BusinessFilter{Q: b.USCC} }},
	{"district+category+open", func(b *registry.Business) registry.BusinessFilter {
		return registry.BusinessFilter{DistrictID: b.DistrictID, Category: b.Category, Status: registry.StatusOpen}
	}},
}

// sampleBusinesses picks n businesses at random (deterministically from seed) to build
// queries from.
func sampleBusinesses(ctx context.Context, st *store.Store, n int, seed int64) ([]*registry.Business, error) {
	var maxID int64
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM businesses`).Scan(&maxID); err != nil {
		return nil, fmt.Errorf("max business id: %w", err)
	}
	if maxID == 0 {
		return nil, errors.New("no businesses to sample")
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	businesses := registry.NewBusinessStore(st)
	var out []*registry.Business
	for len(out) < n {
		b, err := businesses.Get(ctx, 1+rng.Int64N(maxID))
		if err != nil {
			continue
		}
		out = append(out, b)
	}
	return out, nil
}

func timeSearches(ctx context.Context, s *registry.BusinessStore, sample []*registry.Business, filter func(*registry.Business) registry.BusinessFilter) ([]time.Duration, error) {
	lat := make([]time.Duration, 0, len(sample))
	for _, b := range sample {
		start := time.Now()
		if _, err := s.Search(ctx, filter(b)); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	return lat, nil
}

func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(i, len(sorted))-1)].Round(10 * time.Microsecond)
}

// hanSubstring takes two Han characters from the middle of a name, like a user who
// remembers part of a shop's name.
func hanSubstring(name string) string {
	var han []rune
	for _, r := range name {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
		}
	}
	if len(han) < 2 {
		return name
	}
	mid := len(han) / 2
	return string(han[mid-1 : mid+1])
}
