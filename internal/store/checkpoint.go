package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// SQLite copies its write-ahead log back into the database file in a checkpoint; every page
// written since the last one is copied once, however often commits rewrote it. So a short
// log costs writers twice:
//   - At SQLite's 1,000 pages a business edit at a million businesses paid about 20 ms one
//     time in a hundred, which made every write's p99.
//   - A bulk capture rewrites the same index pages commit after commit. At 10,000 pages
//     (40 MB) the checkpoints took a third of its writer's time, and capture of 3M events
//     ran at 12,100 events/s; at 100,000 pages (400 MB), 16,700.
//
// A checkpoint inside a commit (SQLite's wal_autocheckpoint) makes the writer wait while it
// copies the whole log and syncs the file, about 2 s for 100,000 pages, and the writer is
// what bounds a bulk capture. So the store copies the log from a reader instead
// (copyLogBehindWriter), while commits go on: once walCheckpointPages frames wait to be
// copied, a passive checkpoint copies them; the commits made meanwhile are copied by another
// pass, until few are left; then the writer copies those after its next commit
// (finishLog), in 100–300 ms at 100,000 pages, mostly the sync, and its next transaction
// restarts the log. A checkpoint from a reader alone cannot restart it: under steady writes a commit
// always lands while it runs, and a bulk capture grew a log past 50 GB that way; one with
// RESTART from a reader waited seconds for the writer's lock. Capture of 1M events went from
// 16,400–17,600 to 20,400–21,400 events/s, the writer busy 45–47 s instead of 56; of 10M,
// from 12,234 to 13,521 (issue 4).
//
// The writer still checkpoints in its commits at walBackstopPages, should the copies fall
// behind (a long read keeps them from copying what it may still read).
//
// The store also checkpoints while no one writes: once the log has not been written for
// checkpointIdle, a passive checkpoint from a reader copies it, and the next write restarts
// the log. Edits, which leave such pauses, then rarely reach the mark.

// walCheckpointPages is how many frames of the log may wait to be copied before the store
// copies them.
var walCheckpointPages = 100_000

// walBackstopPages is the length of the log at which a commit checkpoints it itself.
func walBackstopPages() int { return 3 * walCheckpointPages }

// checkpointIdle is how long the log must go unwritten before the store checkpoints it.
var checkpointIdle = time.Second

// checkpointTick is how often the store looks at its log.
var checkpointTick = 100 * time.Millisecond

// copyPasses bounds the passes of a copy behind the writer: each copies what the commits
// wrote during the one before, in less time, as copying is faster than writing.
const copyPasses = 6

// checkpoints watches the log of the SQLite database at path every tick until stop is
// closed, copying it behind the writer once mark frames wait (copyLogBehindWriter) and
// whenever it has gone unwritten for idle (checkpointIfIdle); then it closes done. The
// caller reads the settings at open, so the goroutine never reads a package variable that
// tests set and restore while stores are still open.
func (s *Store) checkpoints(path string, mark int, idle, tick time.Duration, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	var copied time.Time // when the log had last been written at the last checkpoint while idle
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
		}
		if _, err := s.copyLogBehindWriter(context.Background(), path, mark); err != nil {
			slog.Warn("sqlite checkpoint behind the writer", "err", err)
		}
		copied = s.checkpointIfIdle(path, idle, copied)
	}
}

// copyLogBehindWriter copies the log of the SQLite database at path into the database file
// from a reader once mark frames wait to be copied, in passes while commits go on, and then
// asks the writer to copy the few frames left after its next commit (finishLog). It reports
// whether it did. It waits for the writer to have done so before it copies again: commits
// made outside Store.Tx do not, and a copy always running would keep their own checkpoints
// from running.
func (s *Store) copyLogBehindWriter(ctx context.Context, path string, mark int) (bool, error) {
	if s.finishLog.Load() {
		return false, nil
	}
	frames, copied, ok, err := walProgress(path)
	if err != nil || !ok || frames < copied || int(frames-copied) < mark {
		return false, err
	}
	for range copyPasses {
		if _, err := s.read.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			return false, fmt.Errorf("copy the log: %w", Normalize(err))
		}
		if frames, copied, ok, err = walProgress(path); err != nil || !ok {
			return false, err
		}
		if frames < copied || int(frames-copied) <= mark/16 {
			break
		}
	}
	s.finishLog.Store(true)
	return true, nil
}

// copyRestOfLog copies into the database file what the copies behind the writer left of the
// log, when they asked for it, on the write connection right after a commit: no commit can
// land while it runs, so the log is then copied whole and the next transaction restarts it.
// A failure is only logged: the commit stands, and the log is copied again later.
func (s *Store) copyRestOfLog(ctx context.Context) {
	if !s.finishLog.CompareAndSwap(true, false) {
		return
	}
	if _, err := s.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		slog.Warn("sqlite checkpoint after a commit", "err", Normalize(err))
	}
}

// checkpointIfIdle checkpoints the log of the SQLite database at path when it has gone
// unwritten for idle since it was last written, copied being when it had last been written
// at the last such checkpoint; it returns that time, updated.
func (s *Store) checkpointIfIdle(path string, idle time.Duration, copied time.Time) time.Time {
	info, err := os.Stat(path + "-wal")
	if err != nil || info.Size() == 0 || !info.ModTime().After(copied) || time.Since(info.ModTime()) < idle {
		return copied // no log, nothing new since the last checkpoint, or writes still going on
	}
	var busy, logFrames, backfilled int
	err = s.read.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &backfilled)
	if err != nil {
		slog.Warn("sqlite checkpoint while idle", "err", Normalize(err))
		return copied
	}
	if backfilled == logFrames {
		return info.ModTime()
	}
	return copied
}
