package store

import (
	"context"
	"log/slog"
	"time"
)

// SQLite copies its write-ahead log back into the database file once the log passes 1,000
// pages, inside the commit of whichever write crosses the mark: at a million businesses one
// edit in a hundred paid about 20 ms for it, which made every write's p99. A SQLite store
// turns that off on its connections and checkpoints from a reader in the background instead;
// a passive checkpoint never waits for the writer nor makes it wait.

// checkpointEvery is how often the background checkpoint runs.
var checkpointEvery = 250 * time.Millisecond

// checkpointer runs passive checkpoints until stop is closed, then closes done.
func (s *Store) checkpointer(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if err := s.Checkpoint(context.Background()); err != nil {
				slog.Warn("sqlite checkpoint", "err", err)
			}
		}
	}
}

// Checkpoint copies what it can of a SQLite store's write-ahead log into the database file
// without waiting for readers or the writer; on PostgreSQL it does nothing, as the server
// checkpoints on its own.
func (s *Store) Checkpoint(ctx context.Context) error {
	if s.dialect != SQLite {
		return nil
	}
	var busy, logFrames, done int
	if err := s.read.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &done); err != nil {
		return Normalize(err)
	}
	return nil
}
