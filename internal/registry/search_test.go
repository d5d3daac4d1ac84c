package registry

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func searchNames(t *testing.T, f *fixture, filter BusinessFilter) []string {
	t.Helper()
	res, err := f.businesses.Search(context.Background(), filter)
	if err != nil {
		t.Fatalf("search %+v: %v", filter, err)
	}
	var names []string
	for _, b := range res.Businesses {
		names = append(names, b.Name)
	}
	slices.Sort(names)
	return names
}

func TestSearch(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		for i, name := range []string{"老王火锅店", "王记面馆", "火车站便利店", "KFC肯德基解放路店"} {
			in := f.restaurant(i+1, name)
			if name == "火车站便利店" {
				in.Category, in.Kind, in.LicenceNo, in.LicenceExpiry = CategorySales, "convenience", "JY13301020000003", "2026-03-01"
			}
			if _, err := f.businesses.Create(ctx, in); err != nil {
				t.Fatalf("create %s: %v", name, err)
			}
		}
		expiry := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		tests := []struct {
			name   string
			filter BusinessFilter
			want   []string
		}{
			{"two characters", BusinessFilter{Q: "火锅"}, []string{"老王火锅店"}},
			{"one character", BusinessFilter{Q: "王"}, []string{"王记面馆", "老王火锅店"}},
			{"across a gram boundary", BusinessFilter{Q: "王火"}, []string{"老王火锅店"}},
			{"grams present but not adjacent", BusinessFilter{Q: "火店"}, nil},
			{"two terms", BusinessFilter{Q: "火 便利"}, []string{"火车站便利店"}},
			{"address", BusinessFilter{Q: "解放路2号"}, []string{"王记面馆"}},
			{"latin, any case", BusinessFilter{Q: "kfc"}, []string{"KFC肯德基解放路店"}},
			{"full USCC", BusinessFilter{Q: uscc(2)}, []string{"王记面馆"}},
			{"licence prefix", BusinessFilter{Q: "JY1330102"}, []string{"火车站便利店"}},
			{"category", BusinessFilter{Category: CategorySales}, []string{"火车站便利店"}},
			{"expiring", BusinessFilter{ExpiryBefore: &expiry}, []string{"火车站便利店"}},
			{"other district", BusinessFilter{DistrictID: f.otherDistrict}, nil},
			{"text and filter", BusinessFilter{Q: "店", DistrictID: f.district, Category: CategoryCatering}, []string{"KFC肯德基解放路店", "老王火锅店"}},
			{"like metacharacters are literal", BusinessFilter{Q: "店%"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if got := searchNames(t, f, tt.filter); !slices.Equal(got, tt.want) {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
			})
		}
	})
}

func TestSearchPaginationAndTotal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		for i := 1; i <= 5; i++ {
			if _, err := f.businesses.Create(context.Background(), f.restaurant(i, "面馆")); err != nil {
				t.Fatal(err)
			}
		}
		res, err := f.businesses.Search(context.Background(), BusinessFilter{Q: "面馆", PerPage: 2, Page: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 5 || len(res.Businesses) != 1 || res.TotalCapped {
			t.Fatalf("page 3 of 2: total %d, %d rows, capped %v", res.Total, len(res.Businesses), res.TotalCapped)
		}
	})
}

// TestSearchAcrossBuckets: on PostgreSQL, where grams are keyed by id bucket, results come
// newest first across buckets, pages run on from one bucket into the next, totals count
// every bucket, and a gram found only in an old bucket is found past empty newer ones.
func TestSearchAcrossBuckets(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		n := 0
		create := func(name string) int64 {
			n++
			b, err := f.businesses.Create(ctx, f.restaurant(n, name))
			if err != nil {
				t.Fatalf("create %s: %v", name, err)
			}
			return b.ID
		}
		old1, old2, oldOnly := create("面馆"), create("面馆"), create("老字号酱园")
		jumpBusinessIDs(t, st, 3<<bucketBits+7)
		mid := create("面馆")
		moved := f.restaurant(n+100, "面馆")
		moved.StationID, moved.GridID, moved.Lat, moved.Lng = f.otherStation, nil, 30.61, 120.51
		if _, err := f.businesses.Update(ctx, mid, moved, nil); err != nil {
			t.Fatalf("move business %d: %v", mid, err)
		}
		jumpBusinessIDs(t, st, 9<<bucketBits+1)
		new1, new2 := create("面馆"), create("ABCD面馆")
		if st.Dialect() == store.Postgres && bucketOf(new2) == bucketOf(old1) {
			t.Fatalf("ids %d and %d share a bucket: the test needs them apart", old1, new2)
		}

		tests := []struct {
			name      string
			filter    BusinessFilter
			want      []int64
			wantTotal int
		}{
			{"first page: newest bucket", BusinessFilter{Q: "面馆", PerPage: 2}, []int64{new2, new1}, 5},
			{"second page spans buckets", BusinessFilter{Q: "面馆", PerPage: 2, Page: 2}, []int64{mid, old2}, 5},
			{"last page: oldest bucket", BusinessFilter{Q: "面馆", PerPage: 2, Page: 3}, []int64{old1}, 5},
			{"district", BusinessFilter{Q: "面馆", DistrictID: f.district, PerPage: 3}, []int64{new2, new1, old2}, 4},
			{"district moved to", BusinessFilter{Q: "面馆", DistrictID: f.otherDistrict}, []int64{mid}, 1},
			{"station", BusinessFilter{Q: "面馆", StationID: f.station}, []int64{new2, new1, old2, old1}, 4},
			{"station moved to", BusinessFilter{Q: "面馆", StationID: f.otherStation}, []int64{mid}, 1},
			{"grid", BusinessFilter{Q: "面馆", GridID: f.grid}, []int64{new2, new1, old2, old1}, 4},
			{"a filter that excludes all", BusinessFilter{Q: "面馆", DistrictID: f.otherDistrict, Category: CategorySales}, nil, 0},
			{"one business, newest bucket", BusinessFilter{Q: "面馆", BusinessID: new1}, []int64{new1}, 1},
			{"one business, old bucket", BusinessFilter{Q: "面馆", BusinessID: old2}, []int64{old2}, 1},
			{"one business, no match", BusinessFilter{Q: "酱园", BusinessID: old2}, nil, 0},
			{"only in the oldest bucket", BusinessFilter{Q: "酱园"}, []int64{oldOnly}, 1},
			{"substring check across buckets", BusinessFilter{Q: "老字号 酱"}, []int64{oldOnly}, 1},
			{"code-like token", BusinessFilter{Q: "ABCD"}, []int64{new2}, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := f.businesses.Search(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, b := range res.Businesses {
					got = append(got, b.ID)
				}
				if !slices.Equal(got, tt.want) || res.Total != tt.wantTotal {
					t.Fatalf("got %v (total %d), want %v (total %d)", got, res.Total, tt.want, tt.wantTotal)
				}
			})
		}

		var exported []int64
		err := f.businesses.Each(ctx, BusinessFilter{Q: "面馆"}, func(b *Business) error {
			exported = append(exported, b.ID)
			return nil
		})
		if want := []int64{old1, old2, mid, new1, new2}; err != nil || !slices.Equal(exported, want) {
			t.Fatalf("export: %v %v, want %v", exported, err, want)
		}
	})
}

// jumpBusinessIDs makes the next business's id next on PostgreSQL. SQLite's text index has
// no buckets, so there the businesses stay close.
func jumpBusinessIDs(t *testing.T, st *store.Store, next int64) {
	t.Helper()
	if st.Dialect() != store.Postgres {
		return
	}
	if _, err := st.DB().Exec(fmt.Sprintf(`ALTER TABLE businesses ALTER COLUMN id RESTART WITH %d`, next)); err != nil {
		t.Fatal(err)
	}
}
