package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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
