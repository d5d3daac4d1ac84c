package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// runAudit is "shejian audit verify --db DSN": it checks the whole hash chain and fails
// naming the first changed, removed or reordered entry.
func runAudit(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: shejian audit verify --db DSN")
	}
	fs := newFlags("audit verify", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	// Open without migrating: verifying must not change the database it checks.
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	var bar *progressbar.ProgressBar
	progress := func(done, total int64) {}
	if isTerminal(out) {
		bar = progressbar.NewOptions64(-1, progressbar.OptionSetWriter(out), progressbar.OptionSetDescription("校验审计日志 verifying"),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		progress = func(done, total int64) {
			bar.ChangeMax64(total)
			bar.Set64(done)
		}
	}
	start := time.Now()
	checked, problem, err := audit.Verify(ctx, st, progress)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	if problem != nil {
		return fmt.Errorf("audit chain broken at entry %d (%s): %s", problem.Seq, problem.Kind, problem.Detail)
	}
	took := time.Since(start)
	fmt.Fprintf(out, "audit chain intact: %d entries\n", checked)
	fmt.Fprintf(out, "verified in %s (%.0f entries/s)\n", took.Round(time.Millisecond), float64(checked)/took.Seconds())
	// Whoever rewrites the whole tail and the head together is caught only by comparing the
	// head with a copy kept outside the database: print it for the operator to keep.
	var seq int64
	var hash string
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return fmt.Errorf("read the audit head: %w", err)
	}
	fmt.Fprintf(out, "head: entry %d, hash %s (keep a copy outside the database)\n", seq, hash)
	return nil
}

// isTerminal reports whether out is a terminal, where a progress bar belongs; redirected
// output gets only the result.
func isTerminal(out io.Writer) bool {
	f, ok := out.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
