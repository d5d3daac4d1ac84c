package store

import (
	"context"
	"log/slog"
	"os"
	"time"
)

// SQLite copies its write-ahead log back into the database file inside the commit that takes
// the log past wal_autocheckpoint pages; every page written since the last checkpoint is
// copied once, however often commits rewrote it. So a short log costs writers twice:
//   - At SQLite's 1,000 pages a business edit at a million businesses paid about 20 ms one
//     time in a hundred, which made every write's p99.
//   - A bulk capture rewrites the same index pages commit after commit. At 10,000 pages
//     (40 MB) the checkpoints took a third of its writer's time, and capture of 3M events
//     ran at 12,100 events/s; at 100,000 pages (400 MB), 16,700.
//
// A long log makes the commit that crosses the mark wait the longer: a log of 100,000 pages
// took about 2 s to copy. So a store also checkpoints while no one writes: once the log
// has not been written for checkpointIdle, a passive checkpoint from a reader copies it,
// without waiting for the writer or making it wait, and the next write restarts the log.
// Edits, which leave such pauses, then rarely reach the mark; a bulk capture, which does
// not, checkpoints at the mark, in its own commits.
//
// Checkpointing only in the background was tried and dropped: under steady writes a
// checkpoint was always running when a commit would restart the log, and a bulk capture
// grew one past 50 GB. A checkpoint that waits for a pause never starts under steady writes.

// walCheckpointPages is the length of the log, in pages, at which a commit checkpoints it.
var walCheckpointPages = 100_000

// checkpointIdle is how long the log must go unwritten before the store checkpoints it.
var checkpointIdle = time.Second

// checkpointWhenIdle checkpoints the log of the SQLite database at path each time it has
// gone unwritten for idle since it was last written, until stop is closed; then it closes
// done. The caller reads idle from checkpointIdle at open, so the goroutine never reads a
// package variable that tests set and restore while stores are still open.
func (s *Store) checkpointWhenIdle(path string, idle time.Duration, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(idle / 2)
	defer tick.Stop()
	var copied time.Time // when the log had last been written at the last checkpoint
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		info, err := os.Stat(path + "-wal")
		if err != nil || info.Size() == 0 || !info.ModTime().After(copied) || time.Since(info.ModTime()) < idle {
			continue // no log, nothing new since the last checkpoint, or writes still going on
		}
		var busy, logFrames, backfilled int
		err = s.read.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &backfilled)
		if err != nil {
			slog.Warn("sqlite checkpoint while idle", "err", Normalize(err))
			continue
		}
		if backfilled == logFrames {
			copied = info.ModTime()
		}
	}
}
