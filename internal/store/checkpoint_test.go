package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestLogStaysBoundedUnderSteadyWrites: under a stream of commits the log restarts once it
// passes the store's checkpoint mark instead of growing with every page written; and the
// writer's mark is the store's.
func TestLogStaysBoundedUnderSteadyWrites(t *testing.T) {
	const mark = 200
	defer store.SetCheckpointPages(mark)()
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	path := strings.TrimPrefix(s.DSN(), "sqlite:")
	var auto int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != mark {
		t.Fatalf("writer's wal_autocheckpoint = %d, %v; want %d", auto, err, mark)
	}
	for i := range 3000 {
		_, err := s.DB().ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, $2, $3, $3)`,
			fmt.Sprintf("C%06d", i), strings.Repeat("市", 300), time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	// A frame is a page and its 24-byte header; a commit here writes a few pages.
	if limit := int64(4 * mark * (4096 + 24)); info.Size() > limit {
		t.Errorf("write-ahead log of %d bytes after 3,000 commits, want at most %d (restarted past %d pages)", info.Size(), limit, mark)
	}
}

// TestLogCheckpointedWhenIdle: once no one has written for a while, the log is copied into
// the database file, long before it reaches the commits' mark.
func TestLogCheckpointedWhenIdle(t *testing.T) {
	defer store.SetCheckpointIdle(50 * time.Millisecond)()
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	path := strings.TrimPrefix(s.DSN(), "sqlite:")
	for i := range 200 {
		_, err := s.DB().ExecContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, $2, $3, $3)`,
			fmt.Sprintf("C%06d", i), strings.Repeat("市", 300), time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
	}
	var pages, pageSize int64
	if err := s.DB().QueryRowContext(ctx, `SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&pages, &pageSize); err != nil {
		t.Fatal(err)
	}
	// The database file holds every page only once the log has been copied into it.
	var size int64
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if size = info.Size(); size == pages*pageSize {
			return
		}
	}
	t.Errorf("database file of %d bytes 30 s after the last write, want %d: the log was not checkpointed while idle", size, pages*pageSize)
}
