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

// SetCheckpointPages sets the log length at which commits of stores opened afterwards
// checkpoint, until restore.
func SetCheckpointPages(pages int) (restore func()) {
	was := walCheckpointPages
	walCheckpointPages = pages
	return func() { walCheckpointPages = was }
}

// SetCheckpointIdle sets how long the log of stores opened afterwards must go unwritten
// before they checkpoint it, until restore.
func SetCheckpointIdle(d time.Duration) (restore func()) {
	was := checkpointIdle
	checkpointIdle = d
	return func() { checkpointIdle = was }
}

// The page caches of the read pool's connections and of a scan's, in KiB.
const (
	PoolCacheKiB  = poolCacheKiB
	WriteCacheKiB = writeCacheKiB
	ScanCacheKiB  = scanCacheKiB
)
