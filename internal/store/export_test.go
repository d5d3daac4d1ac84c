package store

import (
	"context"
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
