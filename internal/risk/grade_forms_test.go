package risk

import (
	"context"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

const formType = "application/x-www-form-urlencoded"

// TestFactorsForm: the bureau records a shop's static factors from its grade page, prefilled
// from the registry; each bad field comes back beside the field with what was typed and
// nothing written; another district, the shop's operator, a role without risk rights and
// the public cannot record them.
func TestFactorsForm(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		page, foreignPage := "/risk/businesses/"+itoa(w.shop), "/risk/businesses/"+itoa(w.foreign)
		restaurant := "/risk/businesses/" + itoa(w.restaurant)
		shop := func(kv ...string) string { // the shop's factors, with fields of kv set
			v := url.Values{"sector": {"sales"}, "floor_area": {"800"}, "prepacked_chilled": {"2000"}, "suppliers": {"40"}}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v.Encode()
		}
		save := func(name, path, body string, status int, want ...string) formCase {
			return formCase{name: name, who: w.bureau, method: "POST", path: path + "/factors", contentType: formType, body: body, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the form prefilled from the registry", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{`name="csrf" value="` + csrfToken + `"`, `id="risk-factors-form"`, `<option value="sales" selected>食品销售</option>`,
					`name="floor_area" id="risk-floor_area" inputmode="decimal" value="800"`, `name="prepacked_ambient" id="risk-prepacked_ambient" inputmode="numeric" value="3000"`,
					i18n.T(i18n.Chinese, "risk.form.from_registry", nil), `id="risk-grade-now"`},
				absent: []string{`name="catering_format"`}},
			{name: "another sector's fields, empty", who: w.bureau, method: "GET", path: page + "?sector=catering", status: 200,
				want:   []string{`<option value="catering" selected>`, `name="catering_format"`, `value="cold">`, `name="floor_area" id="risk-floor_area" inputmode="decimal" value=""`},
				absent: []string{`name="prepacked_ambient"`}},
			{name: "a restaurant's classes ticked", who: w.bureau, method: "GET", path: restaurant, status: 200,
				want: []string{`<option value="restaurant" selected>`, `value="hot" checked>`, `value="cold" checked>`, `value="raw">`}},
			{name: "the operator sees the grade, not the forms", who: w.operator, method: "GET", path: page, status: 200,
				want: []string{`id="risk-grade-value"`}, absent: []string{`risk-factors-form`, `risk-grade-form`}},
			{name: "another district's business is not found", who: w.bureau, method: "GET", path: foreignPage, status: 404},
			save("an area that is no number", page, shop("floor_area", "八百"), 400,
				errorOf("risk_floor_area", "number", nil), `value="八百"`, `name="suppliers" id="risk-suppliers" inputmode="numeric" value="40"`),
			save("a negative count", page, shop("suppliers", "-3"), 400, errorOf("risk_suppliers", "min", map[string]any{"min": 0})),
			save("a shop selling nothing", page, posted("sector", "sales", "floor_area", "800", "suppliers", "40"), 400,
				errorOf("risk_product_counts", "risk_sector_needs", map[string]any{"sector": "sales"})),
			save("a restaurant without its area", restaurant, posted("sector", "catering", "catering_format", "restaurant", "catering_classes", "hot"), 400,
				errorOf("risk_floor_area", "risk_sector_needs", map[string]any{"sector": "catering"}), `value="hot" checked>`, `<option value="restaurant" selected>`),
			save("an unknown class", restaurant, posted("sector", "catering", "catering_format", "canteen", "diners", "300", "catering_classes", "buffet"), 400,
				errorOf("risk_catering_classes", "one_of", map[string]any{"values": "cold, raw, pastry, hot, drinks, other"}), `name="diners" id="risk-diners" inputmode="numeric" value="300"`),
			save("no sector", page, posted("floor_area", "800"), 400, errorOf("risk_sector", "required", nil)),
			{name: "in English", who: w.bureau, lang: i18n.English, method: "POST", path: page + "/factors", contentType: formType,
				body: shop("suppliers", "-3"), status: 400, want: []string{`id="risk_suppliers-error">must be at least 0`, "Static risk factors"}},
			{name: "another district's business is refused", who: w.bureau, method: "POST", path: foreignPage + "/factors", contentType: formType, body: shop(), status: 403},
			{name: "and its own bureau may not write here", who: w.foreignBureau, method: "POST", path: page + "/factors", contentType: formType, body: shop(), status: 403},
			{name: "the operator may not record factors", who: w.operator, method: "POST", path: page + "/factors", contentType: formType, body: shop(), status: 403},
			{name: "nor a role without risk rights", who: w.nobody, method: "POST", path: page + "/factors", contentType: formType, body: shop(), status: 403},
			{name: "the public is sent to log in", who: w.anonymous, method: "POST", path: page + "/factors", contentType: formType, body: shop(), status: 303, want: []string{"/login"}},
			{name: "recorded", who: w.bureau, method: "POST", path: page + "/factors", contentType: formType, body: shop("bulk_frozen", ""), status: 303,
				want: []string{page + "?flash=risk.factors_saved"}, saves: true},
			{name: "the form shows what is recorded", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{i18n.T(i18n.Chinese, "risk.form.recorded", nil), `name="prepacked_chilled" id="risk-prepacked_chilled" inputmode="numeric" value="2000"`,
					`name="prepacked_ambient" id="risk-prepacked_ambient" inputmode="numeric" value=""`}},
		})
		f, ok, err := w.city.svc.Factors(context.Background(), w.shop)
		if want := (StaticFactors{Sector: SectorSales, FloorArea: 800, PrepackedChilled: 2000, Suppliers: 40}); err != nil || !ok || !reflect.DeepEqual(f, want) {
			t.Errorf("factors recorded %+v (%v, %v), want %+v", f, ok, err, want)
		}
	})
}

// TestGradeForm: the bureau grades a business now from its grade page, which then shows the
// kept grade from the factors recorded; a business without a scoring table is refused on
// the page; another district, the operator and the public cannot grade.
func TestGradeForm(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		farm, _ := w.city.mustBusiness(t, "farm", "planting", 0, 0)
		page := "/risk/businesses/" + itoa(w.shop)
		if err := w.city.svc.SaveFactors(context.Background(), w.shop, StaticFactors{Sector: SectorSales, FloorArea: 800, PrepackedChilled: 2000, Suppliers: 40}); err != nil {
			t.Fatal(err)
		}
		grade := func(name string, who caller, path string, status int, want ...string) formCase {
			return formCase{name: name, who: who, method: "POST", path: path + "/grade", contentType: formType, body: posted("csrf", csrfToken), status: status, want: want}
		}
		w.run([]formCase{
			{name: "a preview before the first grade", who: w.bureau, method: "GET", path: page, status: 200, want: []string{`id="risk-preview"`, `id="risk-grade-form"`}},
			grade("another district's business is refused", w.bureau, "/risk/businesses/"+itoa(w.foreign), 403),
			grade("the operator may not grade", w.operator, page, 403),
			grade("nor a role without risk rights", w.nobody, page, 403),
			grade("the public is sent to log in", w.anonymous, page, 303, "/login"),
			grade("a farm has no scoring table", w.bureau, "/risk/businesses/"+itoa(farm), 400,
				`id="form-refusal">`+i18n.T(i18n.Chinese, "risk.not_graded", map[string]any{"id": farm})),
			{name: "graded", who: w.bureau, method: "POST", path: page + "/grade", contentType: formType, status: 303,
				want: []string{page + "?flash=risk.graded"}, saves: true},
			{name: "the page shows the kept grade", who: w.bureau, method: "GET", path: page + "?flash=risk.graded", status: 200,
				want: []string{`id="risk-history"`, i18n.T(i18n.Chinese, "risk.graded", nil)}, absent: []string{`id="risk-preview"`}},
		})
		c, err := w.city.svc.Card(context.Background(), w.shop, anyPlace, time.Now(), false)
		if err != nil || c.Preview || c.Current == nil || c.Current.Static != 11 || len(c.History) != 1 {
			t.Fatalf("card after grading: %+v, %v; want one kept grade with 11 static points", c, err)
		}
	})
}
