package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand of the shejian binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, out io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web UI and API: serve --db DSN --addr HOST:PORT [--secure-cookies]", runServe},
		{"demo", "generate a demo city and serve it: demo [--size small|city|province] [--seed N] [--db DSN] [--addr HOST:PORT]", runDemo},
		{"migrate", "apply pending migrations and report: migrate --db DSN", runMigrate},
		{"token", "manage API tokens: token create --db DSN --user LOGIN [--name NAME] [--role ROLE] [--days N]", runToken},
		{"audit", "check the audit log's hash chain: audit verify --db DSN (exit 1 naming the first bad entry)", runAudit},
		{"epcis", "EPCIS 2.0 documents: epcis hash FILE (the CBV 2.0 Event Hash ID of each event, one line each)", runEpcis},
		{"draw", "verify a published double-random draw: draw verify --bundle FILE [--seed-sha256 HEX] [--input-digest HEX]", runDraw},
		{"risk", "risk grades: risk recompute --db DSN [--producers-draft] (every business, with a progress bar)", runRisk},
		{"backtest", "back-test predictive targeting: backtest targeting --train FILE --eval FILE [--window N] [--json] [--scores FILE]", runBacktest},
		{"bench", "whole-system benchmarks: bench registry --db DSN [--queries N]; bench trace --events N [--db DSN] [--json]", runBench},
	}
}

// Main runs the subcommand named by args[0] and returns the process exit code. SIGINT and
// SIGTERM cancel the command's context for a graceful stop.
func Main(args []string, stdout, stderr io.Writer) int {
	setupLogging(stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], stdout)
			if err == nil || errors.Is(err, flag.ErrHelp) {
				return 0
			}
			fmt.Fprintf(stderr, "shejian %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "shejian: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "shejian — food-safety supervision platform\n\nUsage: shejian COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("shejian "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	return fs
}

// evidenceDirFlag declares --evidence-dir, the folder of inspection evidence, on a command
// that serves the app.
func evidenceDirFlag(fs *flag.FlagSet) *string {
	return fs.String("evidence-dir", "", `folder of inspection evidence (photos, files), content-addressed (default: "evidence" beside a SQLite file, or in the working directory on PostgreSQL)`)
}
