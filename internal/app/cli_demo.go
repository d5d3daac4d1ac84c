package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/store"
)

func runDemo(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("demo", out)
	sizeName := fs.String("size", string(demo.SizeSmall), "city size: small (≈5,000 businesses), city (≈100,000) or province (≥1,000,000)")
	seed := fs.Int64("seed", 1, "seed of the generated city; the same seed gives the same city")
	dsn := fs.String("db", "", "database (default: a fresh SQLite file in the temporary folder)")
	addr := fs.String("addr", DefaultAddr, "listen address HOST:PORT")
	evidence := evidenceDirFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openDemoCity(ctx, *dsn, *sizeName, *seed, out)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := NewWith(st, Options{EvidenceDir: *evidence, DailyTargeting: true})
	if err != nil {
		return err
	}
	// A database that holds a city without the demo accounts serves without today's tasks.
	if _, err := a.planDemoTasks(ctx, time.Now().In(calendar.China), demoTaskCount); err != nil {
		fmt.Fprintf(out, "warning: no inspections planned for the demo inspector today: %v\n", err)
	}
	return a.Serve(ctx, *addr, func(addr net.Addr) {
		fmt.Fprintf(out, "\n舌尖 shejian demo city on %s — open http://%s/\n", st.Dialect(), addr)
		printDemoAccounts(out)
		fmt.Fprintln(out, "Press Ctrl+C to stop.")
	})
}

// openDemoCity opens dsn (a fresh SQLite file when empty), migrates it and generates the
// demo city of the named size and seed unless the database already holds one.
func openDemoCity(ctx context.Context, dsn, sizeName string, seed int64, out io.Writer) (*store.Store, error) {
	size, err := demo.ParseSize(sizeName)
	if err != nil {
		return nil, err
	}
	if dsn == "" {
		if dsn, err = freshDemoFile(size, seed); err != nil {
			return nil, err
		}
	}
	st, err := openMigrated(ctx, dsn, out)
	if err != nil {
		return nil, err
	}
	if err := generateDemo(ctx, st, demo.Options{Size: size, Seed: seed}, out); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// freshDemoFile returns a SQLite DSN in the temporary folder, removing an earlier demo
// database of the same size and seed so that every run starts fresh.
func freshDemoFile(size demo.Size, seed int64) (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("shejian-demo-%s-%d.db", size, seed))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("remove old demo database: %w", err)
		}
	}
	return "sqlite:" + path, nil
}

// generateDemo fills st with the demo city and its accounts, unless st already has one.
func generateDemo(ctx context.Context, st *store.Store, opt demo.Options, out io.Writer) error {
	bar := newCountBar(out, "生成示范城市 generating")
	city, err := demo.Generate(ctx, st, opt, bar.report)
	bar.finish()
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintln(out, "the database already holds a city; serving it as it is")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %s (%s, seed %d): %d districts, %d stations, %d grids, %d people, %d businesses in %s\n",
		city.Name, city.Size, city.Seed, city.Districts, city.Stations, city.Grids, city.People, city.Businesses, city.Took.Round(1e7))
	if err := createDemoAccounts(ctx, st, city.Demo); err != nil {
		return err
	}
	return gradeDemoCity(ctx, st, opt, out)
}

func printDemoAccounts(out io.Writer) {
	fmt.Fprintf(out, "Demo accounts (password %q for all):\n", DemoPassword)
	for _, a := range demoAccounts {
		fmt.Fprintf(out, "  %-12s %s\n", a.login, a.description)
	}
	fmt.Fprintln(out, strings.Repeat("-", 40))
}
