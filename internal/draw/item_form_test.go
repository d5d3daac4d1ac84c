package draw

import (
	"context"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestItemForm: the district admin adds an item to its list from the items page and
// replaces it; a ratio outside 0–100 % and every other bad field comes back beside the field
// as typed with nothing written; another district, a role without draw.manage and the
// public are refused.
func TestItemForm(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		page := "/draws/units/" + itoa(w.districts[0]) + "/items"
		item := url.Values{"id": {"I-02"}, "name": {"食品销售日常监督检查"}, "basis": {"食品生产经营监督检查管理办法 第十七条"},
			"ratio_percent": {"30"}, "frequency": {"每年1次"}}
		save := func(name string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.d1, method: "POST", path: page, form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the form is offered to the district admin", who: w.d1, method: "GET", path: page, status: 200,
				want: []string{`id="draw-item-form"`, `name="csrf" value="` + csrfToken + `"`, `action="` + page + `"`}},
			{name: "but not to a role that may not manage draws", who: w.reader, method: "GET", path: "/draws/units/" + itoa(w.stations[0]) + "/items", status: 200,
				want: []string{"I-01"}, absent: []string{"draw-item-form"}},
			save("a ratio over 100 %", with(item, "ratio_percent", "101"), 400, errorOf("ratio_percent", "max", map[string]any{"max": 100}), `value="101"`, `value="食品销售日常监督检查"`),
			save("a negative ratio", with(item, "ratio_percent", "-5"), 400, errorOf("ratio_percent", "min", map[string]any{"min": 0})),
			save("a ratio of three decimals", with(item, "ratio_percent", "12.345"), 400, errorOf("ratio_percent", "draw_ratio_decimals", nil)),
			save("a ratio that is no number", with(item, "ratio_percent", "三成"), 400, errorOf("ratio_percent", "number", nil), `value="三成"`),
			save("no code", with(item, "id", ""), 400, errorOf("id", "required", nil)),
			save("no legal basis", with(item, "basis", " "), 400, errorOf("basis", "required", nil)),
			{name: "in English", who: w.d1, lang: i18n.English, method: "POST", path: page, form: with(item, "ratio_percent", "101"), status: 400,
				want: []string{`id="ratio_percent-error">must be at most 100`, "Add or replace an inspection item"}},
			{name: "another district's list is refused", who: w.d2, method: "POST", path: page, form: item, status: 403},
			{name: "a role without draw.manage is refused", who: w.reader, method: "POST", path: "/draws/units/" + itoa(w.stations[0]) + "/items", form: item, status: 403},
			{name: "the public is sent to log in", who: w.public, method: "POST", path: page, form: item, status: 303, want: []string{loginPage}},
			save("added", item, 303, page+"?flash=draw.flash.item_saved"),
			save("replaced", with(item, "ratio_percent", "12.5", "name", "食品销售监督检查"), 303, page+"?flash=draw.flash.item_saved"),
			{name: "the list shows it", who: w.d1, method: "GET", path: page + "?flash=draw.flash.item_saved", status: 200,
				want: []string{"食品销售监督检查", "12.5%", "抽查事项已保存"}},
		})
		items, err := w.draws.ItemsInForce(context.Background(), "/"+itoa(w.city)+"/"+itoa(w.districts[0])+"/")
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || items[1].ID != "I-02" || items[1].RatioPercent != 12.5 || items[1].Name != "食品销售监督检查" || items[1].Unit != "单位D1" {
			t.Errorf("items in force for D1 after the form: %+v; want I-01 and D1's I-02 at 12.5 %%", items)
		}
	})
}
