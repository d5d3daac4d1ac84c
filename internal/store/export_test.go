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

// WALBackstopPages is the log length at which a commit checkpoints the log itself.
func WALBackstopPages() int { return walBackstopPages() }

// SetCheckpointTick sets how often stores opened afterwards look at their log, until
// restore.
func SetCheckpointTick(d time.Duration) (restore func()) {
	was := checkpointTick
	checkpointTick = d
	return func() { checkpointTick = was }
}

// WALProgress reads the frames of the log of the SQLite database at path and how many of
// them have been copied into the database file.
func WALProgress(path string) (frames, copied uint32, ok bool, err error) {
	return walProgress(path)
}

// CopyLogBehindWriter copies the log of the store's database at path behind the writer,
// as its checkpoints do every tick.
func (s *Store) CopyLogBehindWriter(ctx context.Context, path string) (bool, error) {
	return s.copyLogBehindWriter(ctx, path, walCheckpointPages)
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
