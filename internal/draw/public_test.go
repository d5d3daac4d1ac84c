package draw

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
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

// TestPublicBundle downloads a published draw's bundle as anyone and checks it as anyone
// would: against the commitment on the public page, by re-running it, and against the
// businesses the page names; and that it holds no personal data. It is the staff's bundle,
// and there is none before publication.
func TestPublicBundle(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		anyone, city := context.Background(), caller(access.Everywhere)
		rec := w.serve(anyone, "/api/v1/public/draws/2026-D1/bundle")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") || !strings.Contains(rec.Header().Get("Content-Disposition"), "draw-2026-D1.json") {
			t.Fatalf("GET bundle: %d %q %.300s", rec.Code, rec.Header().Get("Content-Disposition"), rec.Body)
		}
		body := rec.Body.String()
		b, err := ReadBundle(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		_, page := w.get(anyone, i18n.Chinese, "/api/v1/public/draws/2026-D1")
		var d PublicDraw
		if err := json.Unmarshal([]byte(page), &d); err != nil {
			t.Fatal(err)
		}
		sum := mustVerify(t, b, d.Commitment)
		var named []string
		for _, o := range b.Openings {
			named = append(named, o.USCC)
		}
		var listed []string
		for _, business := range d.Businesses {
			listed = append(listed, business.USCC)
		}
		if sum.Named != d.BusinessCount || !slices.Equal(named, listed) {
			t.Errorf("the bundle names %v, the public page %v", named, listed)
		}
		checkNoPersonalData(t, w, body)
		if staff := w.serve(city, "/api/v1/draw/tasks/"+strconv.FormatInt(w.published.ID, 10)+"/bundle"); staff.Body.String() != body {
			t.Errorf("the staff's bundle of a published task differs from the public one")
		}
		for _, code := range []string{"2026-D2", "2026-D1-B", "NOPE"} {
			if rec := w.serve(anyone, "/api/v1/public/draws/"+code+"/bundle"); rec.Code != 404 {
				t.Errorf("bundle of %s: %d, want 404 before publication", code, rec.Code)
			}
		}
	})
}

// checkNoPersonalData fails if body names an inspector, a person or business by registry
// ID, a business not drawn, or the reason or the kind of a recusal.
func checkNoPersonalData(t *testing.T, w *pageWorld, body string) {
	t.Helper()
	if name := inspectorName.FindString(body); name != "" {
		t.Errorf("the bundle names inspector %s", name)
	}
	for _, leak := range []string{conflictReason, `"conflicts"`, `"previous_inspectors"`, "协管员"} {
		if strings.Contains(body, leak) {
			t.Errorf("the bundle has %s", leak)
		}
	}
	values := jsonStrings(t, body)
	for _, id := range append(append([]int64{w.coordinator, w.closed}, w.inspectors...), w.businesses...) {
		if values[strconv.FormatInt(id, 10)] {
			t.Errorf("the bundle has registry ID %d", id)
		}
	}
	drawn := map[string]bool{}
	for _, name := range w.publishedNames {
		drawn[name] = true
	}
	for _, id := range w.businesses {
		var uscc, name string
		if err := w.st.DB().QueryRowContext(context.Background(), `SELECT uscc, name FROM businesses WHERE id = $1`, id).Scan(&uscc, &name); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(body, name) || !drawn[name] && strings.Contains(body, uscc) {
			t.Errorf("the bundle names business %s (%s), drawn %v", name, uscc, drawn[name])
		}
	}
}
