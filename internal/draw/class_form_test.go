package draw

import (
	"context"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestClassForm: the district admin sets the credit class a business is drawn under from
// its row of the entity page; a class that is none and a row naming no business come back
// with nothing written; a business of another district, another district's admin, a role
// without draw.manage and the public are refused.
func TestClassForm(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		page := "/draws/units/" + itoa(w.districts[0]) + "/entities"
		classes := "/draws/units/" + itoa(w.districts[0]) + "/credit-classes"
		row := func(business int64, class string) url.Values {
			return url.Values{"business_id": {itoa(business)}, "credit_class": {class}}
		}
		post := func(name string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.d1, method: "POST", path: classes, form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "each row has its form", who: w.d1, method: "GET", path: page, status: 200,
				want: []string{`id="draw-class-form-` + itoa(w.businesses[3]) + `"`, `<option value="B" selected>B</option>`, `action="` + classes + `?page=1"`}},
			{name: "no form for a role that may not manage draws", who: w.reader, method: "GET", path: "/draws/units/" + itoa(w.stations[0]) + "/entities", status: 200,
				want: []string{"饭店1103"}, absent: []string{"draw-class-form"}},
			post("a class that is none", row(w.businesses[3], "E"), 400,
				errorOf("credit_class", "one_of", map[string]any{"values": "A, B, C, D"}), `id="draw-class-form-`+itoa(w.businesses[3])+`"`),
			post("no business", url.Values{"credit_class": {"D"}}, 400, "<li>所属主体：必填</li>"),
			post("a business of another district", row(w.businesses[20], "D"), 403),
			{name: "from another district's page", who: w.d2, method: "POST", path: classes, form: row(w.businesses[20], "D"), status: 403},
			{name: "a role without draw.manage", who: w.reader, method: "POST", path: "/draws/units/" + itoa(w.stations[0]) + "/credit-classes", form: row(w.businesses[3], "D"), status: 403},
			{name: "the public", who: w.public, method: "POST", path: classes, form: row(w.businesses[3], "D"), status: 303, want: []string{loginPage}},
			{name: "in English", who: w.d1, lang: i18n.English, method: "POST", path: classes, form: row(w.businesses[3], "E"), status: 400,
				want: []string{`id="credit_class-error">is not one of: A, B, C, D`}},
			post("set", row(w.businesses[3], "D"), 303, page+"?flash=draw.flash.class_set"),
			{name: "the row shows it", who: w.d1, method: "GET", path: page + "?flash=draw.flash.class_set", status: 200,
				want: []string{"信用风险分类已设定", `<option value="D" selected>D</option>`}},
			{name: "set from a page of the list, back to that page", who: w.d1, method: "POST", path: classes + "?page=1", form: row(w.businesses[4], "C"),
				status: 303, want: []string{page + "?page=1&flash=draw.flash.class_set"}},
		})
		var class string
		err := st.ReadDB().QueryRowContext(context.Background(), `SELECT credit_class FROM draw_credit_classes WHERE business_id = $1`, w.businesses[3]).Scan(&class)
		if err != nil || class != "D" {
			t.Errorf("business drawn as %q (%v), want D", class, err)
		}
	})
}
