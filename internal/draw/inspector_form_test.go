package draw

import (
	"context"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestInspectorForms: from its inspector page the district admin admits an officer of its
// own and declares an inspector's conflict with a business (回避); an officer who is no
// active enforcement officer, nothing chosen, a business that does not exist and a missing
// reason come back beside their fields with nothing written; an officer or a business of
// another district, another district's admin, a role without draw.manage and the public are
// refused.
func TestInspectorForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		page := "/draws/units/" + itoa(w.districts[0]) + "/inspectors"
		admit := page // the admission form posts to the page it is on
		conflicts := "/draws/units/" + itoa(w.districts[0]) + "/conflicts"
		station := "/draws/units/" + itoa(w.stations[0])
		officer := func(id int64) url.Values { return url.Values{"person_id": {itoa(id)}} }
		conflict := url.Values{"person_id": {itoa(w.inspectors[0])}, "business_uscc": {w.uscc(w.businesses[5])}, "reason": {"配偶为该店股东"}}
		post := func(name, path string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.d1, method: "POST", path: path, form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the forms list the officers to admit and the page's inspectors", who: w.d1, method: "GET", path: page, status: 200,
				want: []string{`id="draw-admit-form"`, `id="draw-conflict-form"`, `<option value="` + itoa(w.newcomer) + `">新来的执法人员 · 单位S11</option>`,
					`<option value="` + itoa(w.inspectors[0]) + `">执法110 · 单位S11</option>`},
				absent: []string{"邻区的执法人员", "协管员"}},
			{name: "no form for a role that may not manage draws", who: w.reader, method: "GET", path: station + "/inspectors", status: 200,
				want: []string{"执法110"}, absent: []string{"draw-admit-form", "draw-conflict-form", "新来的执法人员"}},
			post("nobody chosen", admit, url.Values{"person_id": {""}}, 400, errorOf("person_id", "required", nil)),
			post("a coordinator is no inspector", admit, officer(w.coordinator), 400, errorOf("person_id", "draw_not_inspector", nil)),
			post("an officer of another district", admit, officer(w.foreignOfficer), 403),
			{name: "admitting from another district's page", who: w.d2, method: "POST", path: admit, form: officer(w.foreignOfficer), status: 403},
			{name: "a role without draw.manage may not admit", who: w.reader, method: "POST", path: station + "/inspectors", form: officer(w.newcomer), status: 403},
			{name: "the public may not admit", who: w.public, method: "POST", path: admit, form: officer(w.newcomer), status: 303, want: []string{loginPage}},
			post("admitted", admit, officer(w.newcomer), 303, page+"?flash=draw.flash.inspector_admitted"),
			{name: "the directory lists the newcomer", who: w.d1, method: "GET", path: page + "?flash=draw.flash.inspector_admitted", status: 200,
				want: []string{"已纳入执法检查人员名录库", "<td>新来的执法人员</td>", `id="draw-no-candidates"`}, absent: []string{`id="draw-admit-form"`}},

			post("no reason", conflicts, with(conflict, "reason", ""), 400, errorOf("reason", "required", nil), `value="`+w.uscc(w.businesses[5])+`"`,
				`<option value="`+itoa(w.inspectors[0])+`" selected>`),
			post("no business", conflicts, with(conflict, "business_uscc", ""), 400, errorOf("business_uscc", "required", nil)),
			post("a business that does not exist", conflicts, with(conflict, "business_uscc", "91330102000000000X"), 400, errorOf("business_uscc", "not_found", nil)),
			post("a business of another district", conflicts, with(conflict, "business_uscc", w.uscc(w.businesses[20])), 403),
			post("an inspector of another district", conflicts, with(conflict, "person_id", itoa(w.inspectors[8])), 403),
			{name: "declaring from another district's page", who: w.d2, method: "POST", path: conflicts, form: conflict, status: 403},
			{name: "a role without draw.manage may not declare", who: w.reader, method: "POST", path: station + "/conflicts", form: conflict, status: 403},
			{name: "the public may not declare", who: w.public, method: "POST", path: conflicts, form: conflict, status: 303, want: []string{loginPage}},
			{name: "in English", who: w.d1, lang: i18n.English, method: "POST", path: conflicts, form: with(conflict, "reason", ""), status: 400,
				want: []string{`id="reason-error">is required`, "Declare a conflict of interest"}},
			post("declared", conflicts, conflict, 303, page+"?flash=draw.flash.conflict_declared"),
		})
		var admitted, declared int
		db := st.ReadDB()
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM draw_inspectors WHERE person_id = $1`, w.newcomer).Scan(&admitted); err != nil || admitted != 1 {
			t.Errorf("the newcomer admitted %d times (%v), want once", admitted, err)
		}
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM draw_conflicts WHERE person_id = $1 AND business_id = $2 AND reason = '配偶为该店股东'`,
			w.inspectors[0], w.businesses[5]).Scan(&declared); err != nil || declared != 1 {
			t.Errorf("the conflict declared %d times (%v), want once", declared, err)
		}
	})
}
