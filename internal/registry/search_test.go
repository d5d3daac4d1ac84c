package registry

import (
	"context"
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
