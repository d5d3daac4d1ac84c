package store

import (
	"context"
	"time"
)

// MigrateBelow applies the pending migrations older than version, for tests of a migration
// that converts data.
func (s *Store) MigrateBelow(ctx context.Context, version int) ([]Applied, error) {
	return s.migrateBelow(ctx, version, nil)
}

// StopBackgroundCheckpoints sets the interval of the background checkpoints of stores opened
// afterwards to a day, so that a test sees the log as commits leave it, until restore.
func StopBackgroundCheckpoints() (restore func()) {
	was := checkpointEvery
	checkpointEvery = 24 * time.Hour
	return func() { checkpointEvery = was }
}
