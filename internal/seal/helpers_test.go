package seal_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// reportType is the object type the test table's rows are sealed under.
const reportType = "test_report"

// mustReports creates test_reports, guarded as a capability's table would be, with rows
// 1..n whose body is "v1".
func mustReports(tb testing.TB, s *store.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	if _, err := s.DB().ExecContext(ctx, `CREATE TABLE test_reports (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		tb.Fatalf("create test_reports: %v", err)
	}
	if err := seal.ApplyGuard(ctx, s.DB(), s.Dialect(), "test_reports", reportType, "id"); err != nil {
		tb.Fatal(err)
	}
	for id := 1; id <= n; id++ {
		mustExec(tb, s, `INSERT INTO test_reports (id, body) VALUES ($1, 'v1')`, id)
	}
}

// report names row id of test_reports.
func report(id int64) seal.Object { return seal.ObjectOf(reportType, id) }

// mustTx runs fn in a transaction that must commit.
func mustTx(tb testing.TB, s *store.Store, fn func(tx *sql.Tx) error) {
	tb.Helper()
	if err := s.Tx(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

// mustSeal seals obj in its own transaction.
func mustSeal(tb testing.TB, s *store.Store, obj seal.Object, kind seal.Kind, by string) {
	tb.Helper()
	mustTx(tb, s, func(tx *sql.Tx) error { return seal.Seal(context.Background(), tx, obj, kind, by) })
}

func mustExec(tb testing.TB, s *store.Store, query string, args ...any) {
	tb.Helper()
	if _, err := s.DB().ExecContext(context.Background(), query, args...); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
}

// body reads a report's body, or "" when the row is gone.
func body(tb testing.TB, s *store.Store, id int64) string {
	tb.Helper()
	var b string
	err := s.ReadDB().QueryRowContext(context.Background(), `SELECT body FROM test_reports WHERE id = $1`, id).Scan(&b)
	if err != nil && err != sql.ErrNoRows {
		tb.Fatalf("read report %d: %v", id, err)
	}
	return b
}

// wantConflict fails unless err is a Conflict with message key.
func wantConflict(tb testing.TB, err error, key string) *apperr.Error {
	tb.Helper()
	e := apperr.From(err)
	if e.Code != apperr.Conflict || e.Key != key {
		tb.Fatalf("got %v, want a conflict %s", err, key)
	}
	return e
}
