package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		again, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		if len(again) != 0 {
			t.Fatalf("second migrate applied %d migrations, want 0", len(again))
		}
	})
}

func TestNormalizeUniqueAndNotFound(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		insert := func(tx *sql.Tx) error {
			now := time.Now().UTC()
			_, err := tx.ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', 'C1', '市', $1, $1)`, now)
			return store.Normalize(err)
		}
		if err := s.Tx(ctx, insert); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		err := s.Tx(ctx, insert)
		if !errors.Is(err, store.ErrUnique) {
			t.Fatalf("duplicate code: got %v, want ErrUnique", err)
		}
		var id int64
		err = store.Normalize(s.DB().QueryRowContext(ctx, `SELECT id FROM org_units WHERE code = 'nope'`).Scan(&id))
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing row: got %v, want ErrNotFound", err)
		}
	})
}

func TestTxRollsBackOnError(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', 'C1', '市', $1, $1)`, time.Now().UTC()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want boom", err)
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM org_units`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("rolled-back insert left %d rows", n)
		}
	})
}

func TestOpenRejectsUnknownDSN(t *testing.T) {
	if _, err := store.Open(context.Background(), "mysql://x"); err == nil {
		t.Fatal("want an error for an unsupported DSN")
	}
}

func TestAnalyzeWritesStatistics(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', 'C1', '市', $1, $1)`, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		if err := s.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		query := `SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'org_units'`
		if s.Dialect() == store.Postgres {
			query = `SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'org_units' AND last_analyze IS NOT NULL`
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatal("no statistics after Analyze")
		}
	})
}

// TestPostgresRunsWithoutJIT: JIT compilation would add tens of milliseconds to short
// queries whose estimates run high.
func TestPostgresRunsWithoutJIT(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != store.Postgres {
			t.Skip("JIT is a PostgreSQL setting")
		}
		var jit string
		if err := s.DB().QueryRowContext(context.Background(), `SHOW jit`).Scan(&jit); err != nil {
			t.Fatal(err)
		}
		if jit != "off" {
			t.Fatalf("jit = %q, want off", jit)
		}
	})
}

// TestMigrateWatched: the watcher hears of each migration as it starts and is told when it
// ends, in order, and only of migrations that run.
func TestMigrateWatched(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.DSN(t, store.SQLite))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var events []string
	watch := func(name string) func() {
		events = append(events, "start "+name)
		return func() { events = append(events, "end "+name) }
	}
	applied, err := s.MigrateWatched(ctx, watch)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2*len(applied) || len(applied) == 0 {
		t.Fatalf("%d events for %d migrations: %v", len(events), len(applied), events)
	}
	for i, m := range applied {
		if events[2*i] != "start "+m.Name || events[2*i+1] != "end "+m.Name {
			t.Fatalf("events %v around %s", events[2*i:2*i+2], m.Name)
		}
	}
	events = nil
	if _, err := s.MigrateWatched(ctx, watch); err != nil || len(events) != 0 {
		t.Fatalf("a second run: %v, events %v", err, events)
	}
}

// TestAnalyzeMergesFullTextSegments: each write transaction adds a segment to a SQLite
// full-text index; after a bulk load Analyze leaves one, so that later writes merge nothing
// old.
func TestAnalyzeMergesFullTextSegments(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	segments := func() int {
		t.Helper()
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM business_grams_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for id := range 3 {
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO business_grams (rowid, grams) VALUES ($1, '火锅 区1')`, id+1); err != nil {
			t.Fatal(err)
		}
	}
	if n := segments(); n < 2 {
		t.Fatalf("%d segments after three writes, want several", n)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	if n := segments(); n != 1 {
		t.Errorf("%d segments after Analyze, want 1", n)
	}
}
