package demo

import (
	"context"
	"errors"
	"testing"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    Size
		wantErr bool
	}{
		{"small", SizeSmall, false},
		{" City ", SizeCity, false},
		{"PROVINCE", SizeProvince, false},
		{"", "", true},
		{"huge", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("ParseSize(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestGenerateSmall generates the small city on each engine and checks it from the database.
func TestGenerateSmall(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		opt := Options{Size: SizeSmall, Seed: 1}
		var calls int
		var done, total int64
		city, err := Generate(context.Background(), st, opt, func(d, tot int64) { calls, done, total = calls+1, d, tot })
		if err != nil {
			t.Fatalf("generate: %v", err)
		}
		if calls < 2 || done != total || total != city.Businesses {
			t.Errorf("progress: %d calls, last %d/%d; want at least 2 calls ending at %d", calls, done, total, city.Businesses)
		}
		checks := []struct {
			name  string
			check func(*testing.T, *store.Store, *City)
		}{
			{"counts", checkCounts},
			{"org tree", checkOrgTree},
			{"placement", checkPlacement},
			{"rules", checkRules},
			{"people", checkPeople},
			{"demo ids", checkDemoIDs},
			{"grams", checkGrams},
			{"sequences", checkSequences},
		}
		for _, c := range checks {
			t.Run(c.name, func(t *testing.T) { c.check(t, st, city) })
		}
		t.Run("same data as the generator", func(t *testing.T) {
			want, _ := generatedDump(t, opt, st.Dialect())
			if got := storedDigest(t, st); got != want {
				t.Errorf("stored businesses digest %s, generator gives %s", got, want)
			}
		})
		t.Run("refuses a second city", func(t *testing.T) {
			_, err := Generate(context.Background(), st, opt, nil)
			if !errors.Is(err, ErrNotEmpty) {
				t.Fatalf("second generate: got %v, want ErrNotEmpty", err)
			}
		})
	})
}

// TestSeedDecidesEverything checks that a seed reproduces every row byte for byte and that
// another seed gives another city.
func TestSeedDecidesEverything(t *testing.T) {
	_, base := generatedDump(t, Options{Size: SizeSmall, Seed: 1}, store.SQLite)
	tests := []struct {
		name string
		opt  Options
		same bool
	}{
		{"same seed", Options{Size: SizeSmall, Seed: 1}, true},
		{"other seed", Options{Size: SizeSmall, Seed: 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := generatedDump(t, tt.opt, store.SQLite); (got == base) != tt.same {
				t.Errorf("digest %s vs %s: want same = %v", got, base, tt.same)
			}
		})
	}
}

// TestGenerateCancelled checks that a cancelled generation leaves the database untouched.
func TestGenerateCancelled(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := Generate(ctx, st, Options{Size: SizeSmall, Seed: 1}, func(int64, int64) { cancel() })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		if n := queryInt(t, st, `SELECT count(*) FROM org_units`) + queryInt(t, st, `SELECT count(*) FROM businesses`); n != 0 {
			t.Errorf("cancelled generation left %d rows", n)
		}
	})
}

func TestGenerateUnknownSize(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	if _, err := Generate(context.Background(), st, Options{Size: "huge"}, nil); err == nil {
		t.Fatal("want an error for an unknown size")
	}
}

func checkCounts(t *testing.T, st *store.Store, city *City) {
	want := map[string]int64{
		`SELECT count(*) FROM org_units`:                                  city.OrgUnits,
		`SELECT count(*) FROM org_units WHERE kind = 'district'`:          city.Districts,
		`SELECT count(*) FROM org_units WHERE kind = 'station'`:           city.Stations,
		`SELECT count(*) FROM org_units WHERE kind = 'grid'`:              city.Grids,
		`SELECT count(*) FROM people`:                                     city.People,
		`SELECT count(*) FROM people WHERE role_kind = 'coordinator'`:     city.Coordinators,
		`SELECT count(*) FROM businesses`:                                 city.Businesses,
		`SELECT count(*) FROM business_grams`:                             city.BusinessGrams,
		`SELECT count(*) FROM businesses WHERE category = 'special_food'`: city.ByCategory[registry.CategorySpecialFood],
	}
	for q, n := range want {
		if got := queryInt(t, st, q); got != n {
			t.Errorf("%s = %d, want %d", q, got, n)
		}
	}
	if city.Businesses != int64(shapes[SizeSmall].businesses) || city.Districts != 8 || city.Stations < 72 || city.Stations > 88 {
		t.Errorf("small city: %d businesses, %d districts, %d stations", city.Businesses, city.Districts, city.Stations)
	}
	for _, c := range registry.Categories {
		got := queryInt(t, st, `SELECT count(*) FROM businesses WHERE category = $1`, string(c.Code))
		if got == 0 || got != city.ByCategory[c.Code] {
			t.Errorf("category %s: %d businesses stored, %d reported", c.Code, got, city.ByCategory[c.Code])
		}
	}
	for _, kind := range []string{"school_canteen", "central_kitchen"} {
		if queryInt(t, st, `SELECT count(*) FROM businesses WHERE kind = $1`, kind) == 0 {
			t.Errorf("no %s", kind)
		}
	}
}
