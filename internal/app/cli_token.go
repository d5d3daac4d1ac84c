package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

func runToken(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: shejian token create --db DSN --user LOGIN [--name NAME] [--role ROLE] [--days N]")
	}
	fs := newFlags("token create", out)
	dsn := fs.String("db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	login := fs.String("user", "", "login of the account the token acts as (required)")
	name := fs.String("name", "cli", "a label to recognise the token by")
	role := fs.String("role", "", "the one role the token acts as, which the account's roles must include (default: the account's widest role)")
	days := fs.Int("days", int(access.DefaultTokenTTL.Hours()/24), "days until the token expires")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *login == "" || *days <= 0 {
		return errors.New("--user is required and --days must be positive")
	}
	st, err := store.OpenAndMigrate(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := access.NewUsers(st).ByLogin(ctx, *login)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no account with login %q", *login)
	}
	if err != nil {
		return err
	}
	secret, _, err := access.NewTokens(st).Create(ctx, access.NewToken{UserID: u.ID, Name: *name, Role: access.Role(*role),
		TTL: time.Duration(*days) * 24 * time.Hour})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, secret)
	return nil
}
