package credit

import (
	"maps"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestRecordForm: the bureau enters a serious-dishonesty listing from the form; each bad
// field comes back beside the field with what was typed and nothing written; another
// district, the operator and the public cannot reach the form.
func TestRecordForm(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		bureau := w.city.districtCtx()
		heavier := penalty(w.shop, "江市监罚〔2025〕7号", "2025-03-01", 80000)
		heavier.Severe = true
		rests := w.city.mustAdd(t, bureau, heavier)
		light := w.city.mustAdd(t, bureau, penalty(w.shop, "江市监罚〔2025〕3号", "2025-02-01", 3000))
		file := "/credit/businesses/" + itoa(w.shop)
		listing := url.Values{"kind": {"serious_dishonesty"}, "document_number": {"江市监信〔2025〕2号"}, "decided_on": {"2025-04-01"},
			"reason": {"因食品安全违法行为受到较重行政处罚"}, "penalty_id": {itoa(rests.ID)}}
		with := func(kv ...string) url.Values {
			v := maps.Clone(listing)
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
		save := func(name string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.bureau, method: "POST", path: file + "/records", form: form, status: status, want: want}
		}
		heavierOnly := errorOf("penalty_id", "credit_serious_needs_heavier", nil)
		w.run([]formCase{
			{name: "the form offers the kinds and the penalties", who: w.bureau, method: "GET", path: file + "/records/new", status: 200,
				want: []string{`name="csrf" value="` + csrfToken + `"`, `<option value="abnormal_operation">经营异常名录</option>`,
					`<option value="` + itoa(rests.ID) + `">江市监罚〔2025〕7号 · 2025-03-01</option>`}},
			{name: "another district's business is not found", who: w.foreignBureau, method: "GET", path: file + "/records/new", status: 404},
			{name: "the operator may not enter records", who: w.operator, method: "GET", path: file + "/records/new", status: 403},
			{name: "the public is sent to log in", who: w.anonymous, method: "GET", path: file + "/records/new", status: 303, want: []string{"/login"}},
			save("an unknown kind", with("kind", "blacklist"), 400, errorOf("kind", "one_of", map[string]any{"values": joinKinds()}), `value="江市监信〔2025〕2号"`),
			save("no decision number", with("document_number", ""), 400, errorOf("document_number", "required", nil), `<option value="serious_dishonesty" selected>`),
			save("a decision after today", with("decided_on", "2026-06-02"), 400, errorOf("decided_on", "credit_not_future", nil)),
			save("a date that is none", with("decided_on", "2026-13-01"), 400, errorOf("decided_on", "date", nil), `value="2026-13-01"`),
			save("a fine that is no number", with("kind", "penalty", "fine_yuan", "八万"), 400, errorOf("fine_yuan", "number", nil), `value="八万"`),
			save("a listing with penalty measures", with("measures", "fine"), 400, errorOf("measures", "credit_penalty_only", nil), `value="fine" checked`),
			save("a serious listing resting on nothing", with("penalty_id", ""), 400, heavierOnly),
			save("a serious listing resting on a light penalty", with("penalty_id", itoa(light.ID)), 400, heavierOnly),
			{name: "in English", who: w.bureau, lang: i18n.English, method: "POST", path: file + "/records", form: with("document_number", ""), status: 400,
				want: []string{`id="document_number-error">is required`, "Enter a credit record"}},
			{name: "another district's business is refused", who: w.foreignBureau, method: "POST", path: file + "/records", form: listing, status: 403},
			{name: "the operator may not save", who: w.operator, method: "POST", path: file + "/records", form: listing, status: 403},
			{name: "the public may not save", who: w.anonymous, method: "POST", path: file + "/records", form: listing, status: 303, want: []string{"/login"}},
			save("listed", listing, 303, "/credit/records/", "?flash=credit.saved"),
			save("the same decision twice", listing, 400, errorOf("document_number", "unique", nil)),
		})
		f, err := w.city.svc.File(bureau, w.shop)
		if err != nil || len(f.Records) != 3 || f.Class.Class != "D" {
			t.Fatalf("file after the form: %+v, %v; want the listing as a third record and class D", f, err)
		}
		if r := f.Records[2]; r.Kind != KindSeriousDishonesty || r.PenaltyID == nil || *r.PenaltyID != rests.ID || r.PublicityMonths != 36 {
			t.Errorf("listing entered as %+v", r.Record)
		}
	})
}
