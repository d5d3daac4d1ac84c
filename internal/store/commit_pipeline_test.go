package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestExecAtCommit: a held statement commits and rolls back with its transaction, runs after
// the transaction's other statements on PostgreSQL, and when it fails, the commit fails
// with its name, nothing of the transaction is kept and the connection serves the next one.
func TestExecAtCommit(t *testing.T) {
	const (
		insertOrg = `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, '市', $2, $2)`
		countOrgs = `SELECT count(*) FROM org_units WHERE code LIKE 'held-%'`
	)
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now().UTC()
		count := func(q interface {
			QueryRowContext(context.Context, string, ...any) *sql.Row
		}) int {
			t.Helper()
			var n int
			if err := q.QueryRowContext(ctx, countOrgs).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		// Committed: the held insert is there afterwards; inside the transaction it is seen
		// at once on SQLite and not before the commit on PostgreSQL.
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			res, err := s.ExecAtCommit(ctx, tx, "insert held-1", insertOrg, "held-1", now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				t.Errorf("rows affected = %d, want 1", n)
			}
			want := 1
			if s.Dialect() == store.Postgres {
				want = 0
			}
			if got := count(tx); got != want {
				t.Errorf("held rows seen inside the transaction = %d, want %d", got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(s.DB()); got != 1 {
			t.Fatalf("rows after commit = %d, want 1", got)
		}

		// Rolled back: the held insert is dropped with the transaction.
		rollback := errors.New("roll back")
		err = s.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := s.ExecAtCommit(ctx, tx, "insert held-2", insertOrg, "held-2", now); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("Tx = %v, want %v", err, rollback)
		}
		if got := count(s.DB()); got != 1 {
			t.Errorf("rows after rollback = %d, want 1", got)
		}

		// Failing: a duplicate code fails the commit, named, and the transaction's own insert
		// is not kept either. Repeated, so that every connection of the pool is reused.
		for i := range 3 {
			err = s.Tx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, insertOrg, "held-3", now); err != nil {
					return err
				}
				_, err := s.ExecAtCommit(ctx, tx, "insert held-1 again", insertOrg, "held-1", now)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "insert held-1 again") {
				t.Fatalf("try %d: Tx with a failing held statement = %v, want an error naming it", i, err)
			}
			if got := count(s.DB()); got != 1 {
				t.Fatalf("try %d: rows after a failed commit = %d, want 1", i, got)
			}
		}
		if err := s.Tx(ctx, func(tx *sql.Tx) error {
			_, err := s.ExecAtCommit(ctx, tx, "insert held-4", insertOrg, "held-4", now)
			return err
		}); err != nil {
			t.Fatalf("Tx after failed commits: %v", err)
		}
		if got := count(s.DB()); got != 2 {
			t.Errorf("rows at the end = %d, want 2", got)
		}
	})
}
