package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

// Migration is one embedded SQL file, numbered by its name prefix ("0001_foundation.sql").
type Migration struct {
	Version int
	Name    string
	sql     string
}

// Applied reports a migration that Migrate ran.
type Applied struct {
	Version int
	Name    string
	Took    time.Duration
}

// Migrations lists the embedded migrations of a dialect in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", out[i-1].Name, out[i].Name, out[i].Version)
		}
	}
	return out, nil
}

// Migrate applies every pending migration, each in its own transaction, and returns what it
// applied. Migrations are append-only: an applied version is never run again.
func (s *Store) Migrate(ctx context.Context) ([]Applied, error) {
	return s.MigrateWatched(ctx, nil)
}

// MigrateWatched is Migrate telling watch the name of each migration as it starts; the
// function watch returns is called when that migration ends. The command line shows a
// progress indicator with it: rebuilding the search index of a million businesses takes a
// while, and a silent terminal looks hung.
func (s *Store) MigrateWatched(ctx context.Context, watch func(name string) (done func())) ([]Applied, error) {
	return s.migrateBelow(ctx, math.MaxInt, watch)
}

// migrateBelow applies the pending migrations older than version: tests stop there to put
// in data as an older release left it, then migrate the rest.
func (s *Store) migrateBelow(ctx context.Context, version int, watch func(name string) (done func())) ([]Applied, error) {
	all, err := Migrations(s.dialect)
	if err != nil {
		return nil, err
	}
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	done, err := s.appliedVersions(ctx)
	if err != nil {
		return nil, err
	}
	var applied []Applied
	for _, m := range all {
		if done[m.Version] || m.Version >= version {
			continue
		}
		start := time.Now()
		done := func() {}
		if watch != nil {
			done = watch(m.Name)
		}
		err := s.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply %s: %w", m.Name, err)
			}
			if err := runDataSteps(ctx, tx, s.dialect, m); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		done()
		if err != nil {
			return applied, fmt.Errorf("migrate %s: %w", s.dialect, err)
		}
		applied = append(applied, Applied{Version: m.Version, Name: m.Name, Took: time.Since(start)})
	}
	return applied, nil
}

func (s *Store) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := s.write.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}
