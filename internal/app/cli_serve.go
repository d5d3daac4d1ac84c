package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/shejian/shejian/internal/store"
)

// DefaultAddr is where the server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("serve", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	addr := fs.String("addr", DefaultAddr, "listen address HOST:PORT")
	evidence := evidenceDirFlag(fs)
	secure := fs.Bool("secure-cookies", false, "mark the session cookie Secure: set it behind a proxy that terminates HTTPS")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openMigrated(ctx, *dsn, out)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := NewWith(st, Options{EvidenceDir: *evidence, DailyTargeting: true})
	if err != nil {
		return err
	}
	a.Access.SecureCookies = *secure
	return a.Serve(ctx, *addr, func(addr net.Addr) {
		fmt.Fprintf(out, "shejian serving %s on http://%s\n", st.Dialect(), addr)
	})
}

func runMigrate(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("migrate", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openMigrated(ctx, *dsn, out)
	if err != nil {
		return err
	}
	return st.Close()
}

// openMigrated opens dsn, applies pending migrations and reports each one.
func openMigrated(ctx context.Context, dsn string, out io.Writer) (*store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	applied, err := st.MigrateWatched(ctx, migrationSpinner(out))
	for _, m := range applied {
		fmt.Fprintf(out, "migrated %s: %s (%s)\n", st.Dialect(), m.Name, m.Took.Round(1000))
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(applied) == 0 {
		slog.Info("schema up to date", "database", st.Dialect())
	}
	return st, nil
}
