package store_test

import (
	"context"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestScanConn: a scan reads on a connection of the read pool, on SQLite with the small page
// cache and the database mapped, and the connection goes back to the pool with the pool's
// cache and no map.
func TestScanConn(t *testing.T) {
	ctx := context.Background()
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			s := storetest.Open(t, d)
			s.ReadDB().SetMaxOpenConns(1) // the pool lends the scan's connection next
			c, err := s.ScanConn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var units int
			if err := c.QueryRowContext(ctx, `SELECT COUNT(*) FROM org_units`).Scan(&units); err != nil {
				t.Fatal(err)
			}
			if d == store.SQLite {
				if kib := cacheKiB(t, c.QueryRowContext(ctx, `PRAGMA cache_size`)); kib != store.ScanCacheKiB {
					t.Errorf("scan's page cache %d KiB, want %d", kib, store.ScanCacheKiB)
				}
				if mapped := pragmaNumber(t, c.QueryRowContext(ctx, `PRAGMA mmap_size`)); mapped == 0 {
					t.Error("the scan's connection maps none of the database")
				}
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if d == store.SQLite {
				if kib := cacheKiB(t, s.ReadDB().QueryRowContext(ctx, `PRAGMA cache_size`)); kib != store.PoolCacheKiB {
					t.Errorf("page cache of the pool's connection after a scan %d KiB, want %d", kib, store.PoolCacheKiB)
				}
				if mapped := pragmaNumber(t, s.ReadDB().QueryRowContext(ctx, `PRAGMA mmap_size`)); mapped != 0 {
					t.Errorf("the pool's connection maps %d bytes of the database after a scan, want none", mapped)
				}
			}
		})
	}
}

// cacheKiB is the page cache PRAGMA cache_size gives in row, in KiB (it is negative in KiB).
func cacheKiB(t *testing.T, row interface{ Scan(...any) error }) int {
	t.Helper()
	return -int(pragmaNumber(t, row))
}

// pragmaNumber is the number a PRAGMA gives in row (for mmap_size, the bytes of the database
// the connection maps).
func pragmaNumber(t *testing.T, row interface{ Scan(...any) error }) int64 {
	t.Helper()
	var size int64
	if err := row.Scan(&size); err != nil {
		t.Fatal(err)
	}
	return size
}

// TestSQLiteCaches: the writer of an SQLite store keeps the largest page cache, the readers
// the pool's.
func TestSQLiteCaches(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	if kib := cacheKiB(t, s.DB().QueryRowContext(ctx, `PRAGMA cache_size`)); kib != store.WriteCacheKiB {
		t.Errorf("the writer's page cache %d KiB, want %d", kib, store.WriteCacheKiB)
	}
	if kib := cacheKiB(t, s.ReadDB().QueryRowContext(ctx, `PRAGMA cache_size`)); kib != store.PoolCacheKiB {
		t.Errorf("a reader's page cache %d KiB, want %d", kib, store.PoolCacheKiB)
	}
}
