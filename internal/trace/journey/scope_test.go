package journey

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// The small chain's businesses, by name.
const (
	farm1     = "绿源蔬菜专业合作社"
	farm2     = "青山家庭农场"
	market    = "江南农产品批发市场"
	grocer    = "惠民生鲜超市" // R1, district 1
	kitchen   = "佳味中央厨房有限公司"
	store2    = "万家福超市(东城店)"
	canteen   = "临江区实验小学食堂" // district 1
	wrongShop = "百味便利店"
)

// TestScopeOfTraces checks who may trace which lot of the small chain, and that each
// answer names only the businesses its caller may see: in full those of its scope (and,
// for an operator, its direct partners in the lot's movements), the others by district
// only, with no name, USCC or address anywhere in the answer.
func TestScopeOfTraces(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		l1, l2, l3 := w.fix.Cases[0].Lot, w.fix.Cases[1].Lot, w.fix.Cases[2].Lot
		all := []string{farm1, farm2, market, grocer, kitchen, store2, canteen, wrongShop}
		tests := []struct {
			name   string
			caller caller
			lot    string
			full   []string // businesses shown in full; every other one of the chain is absent
		}{
			{"city admin", w.cityAdmin(), l1, []string{farm1, market, grocer, kitchen, store2, canteen}},
			{"district of the grocer and the canteen, L1", w.districtAdmin(1), l1, []string{grocer, canteen}},
			{"district of the canteen, L2 (made into what it got)", w.districtAdmin(1), l2, []string{canteen}},
			{"the kitchen's operator, L1", w.operator(kitchen), l1, []string{kitchen, market, store2, canteen}},
			{"the kitchen's operator, L3", w.operator(kitchen), l3, []string{kitchen, market, farm2, store2, canteen}},
			{"the grocer's operator, L1", w.operator(grocer), l1, []string{grocer, market}},
			{"the canteen's operator, L3", w.operator(canteen), l3, []string{canteen, kitchen}},
			{"a district the chain never reaches", w.districtAdmin(7), l1, nil},
			{"a shop that got only a withdrawn shipment", w.operator(wrongShop), l3, nil},
			{"the grocer's operator, L2 (never handled)", w.operator(grocer), l2, nil},
			{"a shop that got what L1 was made into", w.operator(store2), l1, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, path := range []string{"/api/v1/trace?direction=backward&id=", "/api/v1/trace?direction=forward&id=",
					"/api/v1/recall?id=", "/trace?id="} {
					rec := w.call(tt.caller, "GET", path+url.QueryEscape(tt.lot), "")
					body := rec.Body.String()
					if tt.full == nil {
						if rec.Code != 404 {
							t.Errorf("%s: %d, want 404", path, rec.Code)
						}
						continue
					}
					if rec.Code != 200 {
						t.Fatalf("%s: %d: %.300s", path, rec.Code, body)
					}
					for _, name := range all {
						b := w.business(name)
						shown := slices.Contains(tt.full, name)
						if !shown && (strings.Contains(body, name) || strings.Contains(body, b.USCC) || strings.Contains(body, name+"路1号")) {
							t.Errorf("%s names %s, which the caller may see by district only", path, name)
						}
					}
				}
				if tt.full == nil {
					return
				}
				var recall RecallAnswer
				w.getJSON(tt.caller, "/api/v1/recall?id="+url.QueryEscape(tt.lot), 200, &recall)
				for _, g := range recall.Districts {
					for _, p := range g.Places {
						if (p.Place.Seen == SeenFull) != slices.Contains(tt.full, p.Place.Name) || p.Place.District == "" ||
							p.Place.Seen == SeenDistrict && (p.Place.Name != "" || p.Place.USCC != "" || p.Place.Location != "" || p.Place.Kind != "") {
							t.Errorf("recall place %+v", p.Place)
						}
					}
				}
			})
		}
	})
}
