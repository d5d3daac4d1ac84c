package draw

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestPublicDrawJSON reads a published draw as anyone: the businesses drawn in draw order,
// the commitment and the seed, and no inspector, person or internal ID anywhere.
func TestPublicDrawJSON(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		code, body := w.get(context.Background(), i18n.Chinese, "/api/v1/public/draws/2026-D1")
		if code != 200 {
			t.Fatalf("GET: %d %s", code, body)
		}
		var d PublicDraw
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, b := range d.Businesses {
			names = append(names, b.Name)
		}
		pb := w.publishedBundle
		if !slices.Equal(names, w.publishedNames) || d.BusinessCount != len(names) || d.Seed != pb.Seed ||
			d.Commitment.SeedSHA256 != pb.Commitment.SeedSHA256 || d.Commitment.InputDigest != pb.Commitment.InputDigest ||
			d.Code != "2026-D1" || d.UnitName != "单位D1" || d.Beacon != pb.Beacon {
			t.Errorf("public draw %+v, want the bundle's commitment and seed and businesses %v", d, w.publishedNames)
		}
		for _, seat := range w.publishedSeats {
			if strings.Contains(body, seat) {
				t.Errorf("the public draw names inspector %s", seat)
			}
		}
		var raw any
		if err := json.Unmarshal([]byte(body), &raw); err != nil {
			t.Fatal(err)
		}
		for _, key := range jsonKeys(raw) {
			if key == "id" || strings.HasSuffix(key, "_id") || strings.Contains(key, "inspector") || strings.Contains(key, "person") {
				t.Errorf("the public draw has the internal field %q: %s", key, body)
			}
		}
	})
}

// jsonKeys lists every object key of a decoded JSON value, at any depth.
func jsonKeys(v any) []string {
	var keys []string
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			keys = append(keys, k)
			keys = append(keys, jsonKeys(e)...)
		}
	case []any:
		for _, e := range v {
			keys = append(keys, jsonKeys(e)...)
		}
	}
	return keys
}
