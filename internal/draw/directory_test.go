package draw

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// newDirectoryFixture is the city fixture with lists at three levels (the city's item
// I-01, district D1's own I-01 and I-02, station S11's I-03), three class-D businesses of
// D1, two conflicts declared by the first inspector, and 120 more businesses in D2, more
// than a page holds.
func newDirectoryFixture(t *testing.T, st *store.Store) *cityFixture {
	t.Helper()
	ctx := context.Background()
	f := newCityFixture(t, st)
	items := []struct {
		unit int64
		item InspectionItem
	}{
		{f.city, InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 20, Frequency: "每年1次"}},
		{f.districts[0], InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 30, Frequency: "每年2次"}},
		{f.districts[0], InspectionItem{ID: "I-02", Name: "学校食堂专项检查", Basis: "食品生产经营监督检查管理办法 第二十二条", RatioPercent: 100}},
		{f.stations[0], InspectionItem{ID: "I-03", Name: "夜市摊点检查", Basis: "浙江省食品小作坊小餐饮小食杂店管理规定", RatioPercent: 50}},
	}
	for _, it := range items {
		if err := f.draws.SaveItem(ctx, it.unit, it.item); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range f.businesses[:3] {
		if err := f.draws.SetCreditClass(ctx, b, ClassD); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range f.businesses[:2] {
		if err := f.draws.DeclareConflict(ctx, f.inspectors[0], b, conflictReason); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 120 {
		f.business(t, f.districts[1], f.stations[2], fmt.Sprintf("7%03d", i), "open")
	}
	return f
}

// TestDirectoriesShowWhatATaskFreezes: a unit's list and directories as the staff read
// them are what a task of the unit freezes: the nearest unit's item of each code, the open
// businesses with their classes, the admitted officers with their conflicts.
func TestDirectoriesShowWhatATaskFreezes(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newDirectoryFixture(t, st)
		path := fmt.Sprintf("/%d/%d/", f.city, f.districts[0])
		items, err := f.draws.ItemsInForce(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || items[0].ID != "I-01" || items[0].RatioPercent != 30 || items[0].Unit != "单位D1" || items[1].ID != "I-02" {
			t.Errorf("items in force for D1: %+v, want D1's I-01 at 30 %% and I-02, not S11's I-03", items)
		}
		entities, pg, err := f.draws.EntityDirectory(ctx, path, 1)
		if err != nil || pg.Last != 1 {
			t.Fatalf("entity directory: %v, %+v", err, pg)
		}
		inspectors, _, err := f.draws.InspectorDirectory(ctx, path, 1)
		if err != nil {
			t.Fatal(err)
		}
		nt := f.newTask(t, "2026-D1", f.districts[0])
		nt.Items = []string{"I-01", "I-02"}
		task, err := f.draws.CreateTask(ctx, nt)
		if err != nil {
			t.Fatal(err)
		}
		_, frozen, _, err := f.draws.frozen(ctx, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		var frozenItems []InspectionItem
		for _, it := range items {
			frozenItems = append(frozenItems, it.InspectionItem)
		}
		if !slices.Equal(frozen.Inputs.Items, frozenItems) {
			t.Errorf("the task froze items %+v, the list shows %+v", frozen.Inputs.Items, frozenItems)
		}
		var businesses []int64
		for _, b := range frozen.Businesses {
			businesses = append(businesses, b.ID)
		}
		if got := idsOf(entities, func(e DirectoryEntity) int64 { return e.ID }); !slices.Equal(got, slices.Sorted(slices.Values(businesses))) {
			t.Errorf("entity directory %v, the task froze %v", got, businesses)
		}
		if got := idsOf(inspectors, func(p DirectoryInspector) int64 { return p.ID }); !slices.Equal(got, slices.Sorted(slices.Values(frozen.People))) {
			t.Errorf("inspector directory %v, the task froze %v", got, frozen.People)
		}
		for _, e := range entities {
			if drawnAsD := slices.Contains(f.businesses[:3], e.ID); (e.Credit == ClassD) != drawnAsD || e.CreditDefault == drawnAsD {
				t.Errorf("business %d: class %s (default %v)", e.ID, e.Credit, e.CreditDefault)
			}
		}
		if inspectors[0].ID != f.inspectors[0] || inspectors[0].Conflicts != 2 || inspectors[0].District != "单位D1" || inspectors[0].Unit != "单位S11" {
			t.Errorf("first inspector %+v, want %d of S11 in D1 with 2 declared conflicts", inspectors[0], f.inspectors[0])
		}
	})
}

func idsOf[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// TestDirectoryPages opens the list and directories as pages and as JSON, as the city and
// as the second district, whose user sees its own district's only.
func TestDirectoryPages(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newDirectoryFixture(t, st)
		router := web.NewRouter(nil)
		NewHandler(f.draws).Routes(router)
		task, err := f.draws.CreateTask(context.Background(), f.newTask(t, "2026-D1", f.districts[0]))
		if err != nil {
			t.Fatal(err)
		}
		city := caller(access.Scope{Path: fmt.Sprintf("/%d/", f.city)})
		district2 := caller(access.Scope{Path: fmt.Sprintf("/%d/%d/", f.city, f.districts[1]), DistrictID: f.districts[1]})
		d1, d2 := fmt.Sprintf("/units/%d/", f.districts[0]), fmt.Sprintf("/units/%d/", f.districts[1])
		checkPages(t, router, []pageStep{
			{"items", city, i18n.Chinese, "/draws" + d1 + "items", 200, []string{"抽查事项清单", "I-01", "I-02", "每年2次", "30%", "单位D1", "/draws" + d1 + "entities", "/api/v1/draw" + d1 + "items"}, []string{"I-03", "每年1次"}},
			{"items in English", city, i18n.English, "/draws" + d1 + "items", 200, []string{"Inspection items", "Frequency", "Entity directory"}, nil},
			{"entities", city, i18n.Chinese, "/draws" + d1 + "entities", 200, []string{"检查对象名录库", "饭店1100", "饭店1209", "未设定"}, []string{"饭店2100", "饭店9999", "draw-pager"}},
			{"inspectors in English", city, i18n.English, "/draws" + d1 + "inspectors", 200, []string{"Inspector directory", "执法110", "单位S12", "Declared conflicts"}, []string{"执法210", conflictReason}},
			{"own district's entities", district2, i18n.Chinese, "/draws" + d2 + "entities", 200, []string{"饭店2100", "饭店7000", `rel="next"`}, []string{"饭店1100", "饭店7119"}},
			{"own district's second page", district2, i18n.Chinese, "/draws" + d2 + "entities?page=2", 200, []string{"饭店7119", `rel="prev"`}, []string{"饭店2100"}},
			{"past the last page", district2, i18n.Chinese, "/draws" + d2 + "entities?page=3", 404, nil, nil},
			{"page zero", district2, i18n.Chinese, "/draws" + d2 + "entities?page=0", 400, []string{"页码"}, nil},
			{"own district's inspectors", district2, i18n.Chinese, "/draws" + d2 + "inspectors", 200, []string{"执法210", "执法221"}, []string{"执法110"}},
			{"another district's items", district2, i18n.Chinese, "/draws" + d1 + "items", 404, nil, []string{"I-02"}},
			{"another district's entities", district2, i18n.Chinese, "/draws" + d1 + "entities", 404, nil, []string{"饭店1100"}},
			{"another district's inspectors", district2, i18n.Chinese, "/draws" + d1 + "inspectors", 404, nil, []string{"执法110"}},
			{"another district's items as JSON", district2, i18n.Chinese, "/api/v1/draw" + d1 + "items", 404, nil, []string{"I-02"}},
			{"another district's entities as JSON", district2, i18n.Chinese, "/api/v1/draw" + d1 + "entities", 404, nil, []string{"饭店1100"}},
			{"another district's inspectors as JSON", district2, i18n.Chinese, "/api/v1/draw" + d1 + "inspectors", 404, nil, []string{"执法110"}},
			{"the city above the district", district2, i18n.Chinese, fmt.Sprintf("/draws/units/%d/entities", f.city), 404, nil, nil},
			{"unknown unit", city, i18n.Chinese, "/draws/units/999999/items", 404, nil, nil},
			{"items as JSON", city, i18n.Chinese, "/api/v1/draw" + d1 + "items", 200, []string{`"id":"I-01"`, `"ratio_percent":30`, `"frequency":"每年2次"`, `"org_unit":"单位D1"`}, []string{"I-03"}},
			{"entities as JSON", city, i18n.Chinese, "/api/v1/draw" + d1 + "entities", 200, []string{`"name":"饭店1100"`, `"credit_class":"D","credit_class_default":false`, `"credit_class":"B","credit_class_default":true`}, nil},
			{"inspectors as JSON", city, i18n.Chinese, "/api/v1/draw" + d1 + "inspectors", 200, []string{`"name":"执法110"`, `"declared_conflicts":2`}, []string{conflictReason}},
			{"the task list links to the caller's unit", district2, i18n.Chinese, "/draws", 200, []string{`href="/draws` + d2 + `items"`}, nil},
			{"a task links to its unit", city, i18n.Chinese, fmt.Sprintf("/draws/%d", task.ID), 200, []string{`href="/draws` + d1 + `items"`}, nil},
		})
	})
}
