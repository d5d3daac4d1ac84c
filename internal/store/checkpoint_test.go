package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestLogStaysBoundedUnderSteadyWrites: under a stream of commits the log restarts once it
// passes the writer's backstop instead of growing with every page written, even with no
// copy behind the writer finished; and the writer's backstop is the store's.
func TestLogStaysBoundedUnderSteadyWrites(t *testing.T) {
	const mark = 200
	defer store.SetCheckpointPages(mark)()
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	path := strings.TrimPrefix(s.DSN(), "sqlite:")
	var auto int
	if err := s.DB().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != store.WALBackstopPages() {
		t.Fatalf("writer's wal_autocheckpoint = %d, %v; want %d", auto, err, store.WALBackstopPages())
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
	// A frame is a page and its 24-byte header; a commit here writes a few pages, 3,000 of
	// them over 10,000. A copy behind the writer may keep the writer from checkpointing
	// while it runs, once.
	if limit := int64(2 * store.WALBackstopPages() * (4096 + 24)); info.Size() > limit {
		t.Errorf("write-ahead log of %d bytes after 3,000 commits, want at most %d (restarted past %d pages)", info.Size(), limit, store.WALBackstopPages())
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

// insertOrgUnits commits n org units of about a page each, one transaction each.
func insertOrgUnits(t *testing.T, s *store.Store, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, $2, $3, $3)`,
				fmt.Sprintf("C%06d", i), strings.Repeat("市", 1200), time.Now().UTC())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestWALProgressReadsTheIndex: the frames of the log and those copied, as read from the
// wal-index, are what SQLite's checkpoint reports.
func TestWALProgressReadsTheIndex(t *testing.T) {
	defer store.SetCheckpointTick(time.Hour)()
	s := storetest.Open(t, store.SQLite)
	path := strings.TrimPrefix(s.DSN(), "sqlite:")
	insertOrgUnits(t, s, 0, 50)
	frames, copied, ok, err := store.WALProgress(path)
	if err != nil || !ok || frames < 50 || copied != 0 {
		t.Fatalf("before a checkpoint: %d frames, %d copied, %v, %v; want at least 50 frames, none copied", frames, copied, ok, err)
	}
	var busy, logFrames, backfilled int
	if err := s.DB().QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &backfilled); err != nil {
		t.Fatal(err)
	}
	if logFrames != int(frames) || backfilled != logFrames {
		t.Fatalf("checkpoint of %d frames copied %d; the wal-index said %d frames", logFrames, backfilled, frames)
	}
	if frames, copied, _, err = store.WALProgress(path); err != nil || int(frames) != logFrames || int(copied) != logFrames {
		t.Errorf("after the checkpoint: %d frames, %d copied, %v; want %d of %d", frames, copied, err, logFrames, logFrames)
	}
}

// TestLogCopiedBehindTheWriter: once the mark is passed, the log is copied from a reader,
// the writer copies what is left after its next commit, and the transaction after restarts
// the log, long before the writer's own backstop.
func TestLogCopiedBehindTheWriter(t *testing.T) {
	const mark = 200
	defer store.SetCheckpointPages(mark)()
	defer store.SetCheckpointTick(time.Hour)() // the test copies the log itself
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	path := strings.TrimPrefix(s.DSN(), "sqlite:")
	if _, err := s.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil { // the migrations' log
		t.Fatal(err)
	}
	insertOrgUnits(t, s, 0, 20)
	if did, err := s.CopyLogBehindWriter(ctx, path); err != nil || did {
		t.Fatalf("copy below the mark: %v, %v; want nothing done", did, err)
	}
	n := 20
	for frames := uint32(0); frames < mark; n++ { // short of the writer's own backstop
		insertOrgUnits(t, s, n, 1)
		var err error
		if frames, _, _, err = store.WALProgress(path); err != nil {
			t.Fatal(err)
		}
	}
	if did, err := s.CopyLogBehindWriter(ctx, path); err != nil || !did {
		t.Fatalf("copy past the mark: %v, %v; want the log copied", did, err)
	}
	if frames, copied, _, err := store.WALProgress(path); err != nil || copied != frames {
		t.Fatalf("after the copy: %d of %d frames copied, %v; want all (no commit since)", copied, frames, err)
	}
	insertOrgUnits(t, s, n, 1) // the writer copies what this commit wrote
	if frames, copied, _, err := store.WALProgress(path); err != nil || copied != frames {
		t.Fatalf("after the next commit: %d of %d frames copied, %v; want all", copied, frames, err)
	}
	insertOrgUnits(t, s, n+1, 1)
	if frames, _, _, err := store.WALProgress(path); err != nil || frames > 10 {
		t.Errorf("log of %d frames after the commit that follows the copy, %v; want it restarted", frames, err)
	}
}
