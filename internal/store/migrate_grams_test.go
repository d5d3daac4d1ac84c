package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	_ "github.com/shejian/shejian/internal/registry" // its step rebuilds SQLite's search index
	"github.com/shejian/shejian/internal/store"
)

// TestGramKeysMigrations: on PostgreSQL, 0011 keys the search grams an older release stored
// by the bucket of their business's id, and 0012 adds the keys of the business's place, so
// that searches still find them.
func TestGramKeysMigrations(t *testing.T) {
	ctx := context.Background()
	s, city := olderRelease(t, store.Postgres, 11)
	now := time.Now().UTC()
	place := func(bucket int) string { return fmt.Sprintf("%d:区%d,%d:站%d", bucket, city, bucket, city) }
	want := map[int64]string{7: "0:火锅,0:锅," + place(0), 40000: "2:火锅,2:锅," + place(2)}
	for id := range want {
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO businesses (id, uscc, name, category, address, district_id, station_id,
			lat, lng, created_at, updated_at) VALUES ($1, $2, '火锅', 'catering', '路', $3, $3, 0, 0, $4, $4)`,
			id, fmt.Sprint("U", id), city, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO business_grams (rowid, grams) VALUES ($1, '{火锅,锅}')`, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for id, keys := range want {
		var got string
		if err := s.DB().QueryRowContext(ctx, `SELECT array_to_string(grams, ',') FROM business_grams WHERE rowid = $1`, id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != keys {
			t.Errorf("business %d: grams %q, want %q", id, got, keys)
		}
	}
}

// TestGramPlacesMigrationSQLite: on SQLite, 0012 rebuilds the full-text index of an older
// release through the registry's step, so that searches inside a place find its businesses
// and searches by text still do.
func TestGramPlacesMigrationSQLite(t *testing.T) {
	ctx := context.Background()
	s, city := olderRelease(t, store.SQLite, 12)
	now := time.Now().UTC()
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO businesses (id, uscc, name, category, address, district_id, station_id,
		lat, lng, created_at, updated_at) VALUES (7, 'U7', '老王火锅', 'catering', '解放路', $1, $1, 0, 0, $2, $2)`, city, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO business_grams (rowid, grams) VALUES (7, '火锅 老王 王火')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"火锅"`, fmt.Sprintf(`"火锅" "区%d"`, city), fmt.Sprintf(`"站%d"`, city), `"解放"`} {
		var id int64
		if err := s.DB().QueryRowContext(ctx, `SELECT rowid FROM business_grams WHERE business_grams MATCH $1`, q).Scan(&id); err != nil || id != 7 {
			t.Errorf("%s finds %d (%v), want business 7", q, id, err)
		}
	}
}
