// Package storetest gives tests a fresh, migrated database on each engine, so that one test
// suite proves the same behaviour on SQLite and PostgreSQL.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/shejian/shejian/internal/store"
)

// PostgresEnv names the environment variable that points tests at a PostgreSQL server
// (a postgres:// URL of a database the tests may create schemas in). .ci/run sets it.
const PostgresEnv = "SHEJIAN_TEST_POSTGRES"

// Engines lists the engine names ForEachEngine runs.
var Engines = []store.Dialect{store.SQLite, store.Postgres}

// ForEachEngine runs fn as a subtest on a fresh migrated SQLite database and on a fresh
// migrated PostgreSQL schema; the PostgreSQL subtest skips with a message when PostgresEnv
// is unset.
func ForEachEngine(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Engines {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh migrated store of dialect d, removed when the test ends.
func Open(tb testing.TB, d store.Dialect) *store.Store {
	tb.Helper()
	s, err := store.OpenAndMigrate(context.Background(), DSN(tb, d))
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// DSN returns the address of a fresh, empty database of dialect d that lives as long as the
// test: a file in the test's temporary folder, or a new PostgreSQL schema.
func DSN(tb testing.TB, d store.Dialect) string {
	tb.Helper()
	if d == store.SQLite {
		return "sqlite:" + filepath.Join(tb.TempDir(), "test.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a postgres:// URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run them", PostgresEnv)
	}
	return freshSchema(tb, base)
}

func freshSchema(tb testing.TB, base string) string {
	tb.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v (is PostgreSQL at %s running?)", err, PostgresEnv)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
