package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/risk"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// runRisk runs the risk subcommands: recompute every business's grade (风险分级) on today's
// rules, with a progress bar.
func runRisk(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "recompute" {
		return errors.New("usage: shejian risk recompute --db DSN [--producers-draft]")
	}
	fs := newFlags("risk recompute", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	draft := fs.Bool("producers-draft", false, "grade food producers under the 2022 draft scheme (static 40 + dynamic 40 + credit 20)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := store.OpenAndMigrate(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := riskService(st)
	if err != nil {
		return err
	}
	start := time.Now()
	bar := newCountBar(out, "风险分级 grading")
	sum, err := svc.RecomputeAll(ctx, start, *draft, func(done, total int) { bar.report(int64(done), int64(total)) })
	bar.finish()
	if err != nil {
		return err
	}
	printGrades(out, sum, time.Since(start))
	return nil
}

// gradeDemoCity gives the businesses of a freshly generated city their demo factors and
// record and grades them, unless the city is province-sized: its million explained grades
// are left to `shejian risk recompute`, as a bureau would run it.
func gradeDemoCity(ctx context.Context, st *store.Store, opt demo.Options, out io.Writer) error {
	if opt.Size == demo.SizeProvince {
		fmt.Fprintln(out, "risk grades: not computed for a province-sized demo; run shejian risk recompute")
		return nil
	}
	svc, err := riskService(st)
	if err != nil {
		return err
	}
	start := time.Now()
	bar := newCountBar(out, "风险分级 grading")
	sum, err := svc.SeedDemo(ctx, uint64(opt.Seed), start, func(done, total int) { bar.report(int64(done), int64(total)) })
	bar.finish()
	if err != nil {
		return fmt.Errorf("grade the demo city: %w", err)
	}
	printGrades(out, sum, time.Since(start))
	return nil
}

func riskService(st *store.Store) (*risk.Service, error) {
	book, err := rules.New(st)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return risk.NewService(st, book), nil
}

func printGrades(out io.Writer, sum risk.Summary, took time.Duration) {
	fmt.Fprintf(out, "risk grades: A %d, B %d, C %d, D %d; %d changed, %d skipped, %d failed, in %s\n",
		sum.Graded[risk.GradeA], sum.Graded[risk.GradeB], sum.Graded[risk.GradeC], sum.Graded[risk.GradeD],
		sum.Changed, sum.Skipped, sum.Failed, took.Round(time.Millisecond))
}
