package seal_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// writes are the changes a sealed row must refuse, each run once through the application
// check and once straight at the database.
var writes = []struct {
	name, sql string
}{
	{"update", `UPDATE test_reports SET body = 'v2' WHERE id = $1`},
	{"delete", `DELETE FROM test_reports WHERE id = $1`},
	{"change id", `UPDATE test_reports SET id = id + 100 WHERE id = $1`},
}

func TestUnsealedIsWritable(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1)
		ctx := context.Background()
		mustTx(t, s, func(tx *sql.Tx) error {
			if err := seal.CheckWritable(ctx, tx, report(1)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE test_reports SET body = 'v2' WHERE id = 1`)
			return err
		})
		if got := body(t, s, 1); got != "v2" {
			t.Fatalf("body = %q, want v2", got)
		}
		if st, err := seal.Status(ctx, s.ReadDB(), report(1)); err != nil || st != nil {
			t.Fatalf("Status = %+v, %v; want nil, nil", st, err)
		}
		mustExec(t, s, `DELETE FROM test_reports WHERE id = 1`)
	})
}

func TestSealedRefusesWrites(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 2)
		mustSeal(t, s, report(1), seal.Signed, "inspector.wang")
		ctx := context.Background()
		for _, w := range writes {
			t.Run(w.name+"/app check", func(t *testing.T) {
				err := s.Tx(ctx, func(tx *sql.Tx) error {
					if err := seal.CheckWritable(ctx, tx, report(1)); err != nil {
						return err
					}
					_, err := tx.ExecContext(ctx, w.sql, 1)
					return err
				})
				e := wantConflict(t, err, "seal.sealed.signed")
				if e.Params["by"] != "inspector.wang" || e.Params["kind"] != "signed" || e.Params["at"] == "" {
					t.Errorf("params = %v, want kind, at and by of the seal", e.Params)
				}
				if !errors.Is(err, seal.ErrSealed) {
					t.Errorf("%v is not ErrSealed", err)
				}
			})
			t.Run(w.name+"/trigger", func(t *testing.T) {
				_, err := s.DB().ExecContext(ctx, w.sql, 1)
				if !seal.IsSealedViolation(err) {
					t.Fatalf("got %v, want the guard to refuse", err)
				}
				wantConflict(t, seal.Normalize(err), "seal.refused")
			})
		}
		if got := body(t, s, 1); got != "v1" {
			t.Errorf("sealed body = %q, want v1 untouched", got)
		}
		mustExec(t, s, `UPDATE test_reports SET body = 'v2' WHERE id = 2`) // its neighbour is not sealed
	})
}

func TestSealKinds(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		kinds := []seal.Kind{seal.Signed, seal.Published, seal.Dispatched}
		mustReports(t, s, len(kinds))
		ctx := context.Background()
		for i, k := range kinds {
			t.Run(string(k), func(t *testing.T) {
				obj := report(int64(i + 1))
				mustSeal(t, s, obj, k, "head.li")
				st, err := seal.Status(ctx, s.ReadDB(), obj)
				if err != nil || st == nil || st.Kind != k || st.SealedBy != "head.li" || st.SealedAt.IsZero() {
					t.Fatalf("Status = %+v, %v", st, err)
				}
				err = s.Tx(ctx, func(tx *sql.Tx) error { return seal.CheckWritable(ctx, tx, obj) })
				e := wantConflict(t, err, "seal.sealed."+string(k))
				for _, lang := range i18n.Langs {
					msg := i18n.T(lang, e.Key, e.Params)
					if !strings.Contains(msg, "head.li") || !strings.Contains(msg, e.Params["at"].(string)) {
						t.Errorf("%s message %q does not say by whom and when", lang, msg)
					}
				}
			})
		}
	})
}

func TestSealTwiceNamesTheSeal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1)
		mustSeal(t, s, report(1), seal.Published, "first")
		err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			return seal.Seal(context.Background(), tx, report(1), seal.Signed, "second")
		})
		e := wantConflict(t, err, "seal.already.published")
		if e.Params["by"] != "first" {
			t.Errorf("params = %v, want the existing seal's author", e.Params)
		}
	})
}

// TestSealAfterLastWrite: the record's final write and its seal share a transaction, and the
// seal binds at once, in that transaction too.
func TestSealAfterLastWrite(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1)
		ctx := context.Background()
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `UPDATE test_reports SET body = 'signed' WHERE id = 1`); err != nil {
				return err
			}
			if err := seal.SealNoted(ctx, tx, report(1), seal.Signed, "inspector.wang", "文书号 2025-001"); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE test_reports SET body = 'after' WHERE id = 1`)
			return seal.Normalize(err)
		})
		wantConflict(t, err, "seal.refused")
		if got := body(t, s, 1); got != "v1" {
			t.Errorf("body = %q, want v1: the refused transaction rolled back", got)
		}
		mustTx(t, s, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `UPDATE test_reports SET body = 'signed' WHERE id = 1`); err != nil {
				return err
			}
			return seal.SealNoted(ctx, tx, report(1), seal.Signed, "inspector.wang", "文书号 2025-001")
		})
		st, err := seal.Status(ctx, s.ReadDB(), report(1))
		if err != nil || st == nil || st.Note != "文书号 2025-001" || body(t, s, 1) != "signed" {
			t.Fatalf("Status = %+v, %v; body %q", st, err, body(t, s, 1))
		}
	})
}

// TestConcurrentWriteWaitsForSeal: a write racing the sealing transaction is refused once
// the seal commits, even though it passed its application check before.
func TestConcurrentWriteWaitsForSeal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1)
		ctx := context.Background()
		sealer, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer sealer.Rollback()
		if _, err := sealer.ExecContext(ctx, `UPDATE test_reports SET body = 'signed' WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if err := seal.Seal(ctx, sealer, report(1), seal.Signed, "inspector.wang"); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := s.DB().ExecContext(ctx, `UPDATE test_reports SET body = 'late' WHERE id = 1`)
			done <- err
		}()
		time.Sleep(100 * time.Millisecond) // let the racing update reach the row lock (PostgreSQL) or the writer (SQLite)
		if err := sealer.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; !seal.IsSealedViolation(err) {
			t.Fatalf("racing update: %v, want the guard to refuse", err)
		}
		if got := body(t, s, 1); got != "signed" {
			t.Errorf("body = %q, want signed", got)
		}
	})
}

func TestSealsAreAppendOnly(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 2)
		mustSeal(t, s, report(1), seal.Signed, "a")
		mustSeal(t, s, report(2), seal.Signed, "a")
		mustTx(t, s, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(context.Background(), `INSERT INTO test_reports (id, body) VALUES (3, 'fix')`); err != nil {
				return err
			}
			return seal.Correct(context.Background(), tx, report(1), "3", "typo", "a")
		})
		for _, q := range []string{
			`UPDATE seals SET kind = 'published'`,
			`DELETE FROM seals`,
			`UPDATE corrections SET reason = 'other'`,
			`DELETE FROM corrections`,
		} {
			if _, err := s.DB().ExecContext(context.Background(), q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want the append-only trigger to refuse", q, err)
			}
		}
	})
}

func TestBadArguments(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tests := []struct {
			name string
			fn   func(tx *sql.Tx) error
		}{
			{"no id", func(tx *sql.Tx) error { return seal.Seal(ctx, tx, seal.Object{Type: reportType}, seal.Signed, "a") }},
			{"no type", func(tx *sql.Tx) error { return seal.CheckWritable(ctx, tx, seal.Object{ID: "1"}) }},
			{"unknown kind", func(tx *sql.Tx) error { return seal.Seal(ctx, tx, report(1), "approved", "a") }},
			{"nobody", func(tx *sql.Tx) error { return seal.Seal(ctx, tx, report(1), seal.Signed, "") }},
			{"self correction", func(tx *sql.Tx) error { return seal.Correct(ctx, tx, report(1), "1", "why", "a") }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := s.Tx(ctx, tt.fn); err == nil {
					t.Fatal("succeeded, want an error")
				}
			})
		}
	})
}
