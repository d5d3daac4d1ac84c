package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCheckpointCopiesTheLogIntoTheFile: commits leave their pages in the write-ahead log
// (no commit checkpoints), and Checkpoint copies them into the database file, which a
// reader that ignores the log then sees.
func TestCheckpointCopiesTheLogIntoTheFile(t *testing.T) {
	defer store.StopBackgroundCheckpoints()()
	ctx := context.Background()
	dsn := storetest.DSN(t, store.SQLite)
	s, err := store.OpenAndMigrate(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var auto int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("writer's wal_autocheckpoint = %d, %v; want 0", auto, err)
	}
	const units = 2000 // some thousand pages of log, past SQLite's own checkpoint mark
	for i := range units {
		_, err := s.DB().ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, $2, $3, $3)`,
			"C"+strings.Repeat("x", 8)+string(rune('a'+i%26))+time.Duration(i).String(), strings.Repeat("市", 200), time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := unitsInFile(t, dsn); n >= units {
		t.Fatalf("the database file holds %d org units before Checkpoint, want fewer than %d", n, units)
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := unitsInFile(t, dsn); n != units {
		t.Errorf("the database file holds %d org units after Checkpoint, want %d", n, units)
	}
}

// unitsInFile counts the org units in the database file of dsn alone, as if it had no log.
func unitsInFile(t *testing.T, dsn string) int {
	t.Helper()
	file, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")+"?immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var n int
	err = file.QueryRow(`SELECT count(*) FROM org_units`).Scan(&n)
	if err != nil && !strings.Contains(err.Error(), "no such table") {
		t.Fatal(err)
	}
	return n
}
