package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// olderRelease opens a fresh database of dialect d as a release before migration version
// left it, holding one city org unit, for tests of a migration that converts data. It
// returns the store and the city's id.
func olderRelease(t *testing.T, d store.Dialect, version int) (*store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.DSN(t, d))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.MigrateBelow(ctx, version); err != nil {
		t.Fatal(err)
	}
	var city int64
	if err := s.DB().QueryRowContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at)
		VALUES ('city', 'C1', '市', $1, $1) RETURNING id`, time.Now().UTC()).Scan(&city); err != nil {
		t.Fatal(err)
	}
	return s, city
}
