package credit

import (
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestActionForms: the record page offers the actions that still fit the record; the bureau
// publishes, revokes and withdraws a penalty and removes a listing from them, each refusal
// shown on the page with nothing written; no one else may act.
func TestActionForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		bureau := w.city.districtCtx()
		pen := w.city.mustAdd(t, bureau, penalty(w.shop, "江市监罚〔2025〕7号", "2025-03-01", 80000))
		abn := w.city.mustAdd(t, bureau, RecordInput{BusinessID: w.shop, Kind: KindAbnormalOperation, DocumentNumber: "江市监异〔2026〕1号",
			DecidedOn: "2026-01-06", Reason: "通过登记的住所无法联系"})
		page, listing := "/credit/records/"+itoa(pen.ID), "/credit/records/"+itoa(abn.ID)
		act := func(name, action string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.bureau, method: "POST", path: page + "/" + action, form: form, status: status, want: want}
		}
		on := func(day, reason string) url.Values { return url.Values{"on": {day}, "reason": {reason}} }
		refusal := func(key, action string) string {
			return `id="form-refusal">` + i18n.T(i18n.Chinese, key, map[string]any{"action": action})
		}
		w.run([]formCase{
			{name: "the bureau is offered publish and revoke", who: w.bureau, method: "GET", path: page, status: 200,
				want:   []string{`id="credit-publish-form"`, `id="credit-revoke-form"`, `name="csrf" value="` + csrfToken + `"`, `id="credit-record-state">逾期未公示`},
				absent: []string{`id="credit-withdraw-form"`, `id="credit-remove-form"`}},
			{name: "a listing is offered removal", who: w.bureau, method: "GET", path: listing, status: 200,
				want: []string{`id="credit-publish-form"`, `id="credit-remove-form"`}, absent: []string{`id="credit-revoke-form"`}},
			{name: "the operator reads its record without actions", who: w.operator, method: "GET", path: page, status: 200,
				want: []string{"江市监罚〔2025〕7号"}, absent: []string{`id="credit-publish-form"`}},
			{name: "another district does not find it", who: w.foreignBureau, method: "GET", path: page, status: 404},
			{name: "another business does not find it", who: w.neighbourOperator, method: "GET", path: page, status: 404},
			{name: "the public is sent to log in", who: w.anonymous, method: "GET", path: page, status: 303, want: []string{"/login"}},
			act("publish without a day", "publish", on("", ""), 400, errorOf("on", "required", nil)),
			act("publish before the decision", "publish", on("2025-02-01", ""), 400,
				errorOf("on", "credit_before_decision", map[string]any{"date": "2025-03-01"}), `value="2025-02-01"`),
			{name: "another district may not publish", who: w.foreignBureau, method: "POST", path: page + "/publish", form: on("2025-03-10", ""), status: 403},
			{name: "the operator may not publish", who: w.operator, method: "POST", path: page + "/publish", form: on("2025-03-10", ""), status: 403},
			{name: "the public may not publish", who: w.anonymous, method: "POST", path: page + "/publish", form: on("2025-03-10", ""), status: 303, want: []string{"/login"}},
			act("published", "publish", on("2025-03-10", ""), 303, page+"?flash=credit.saved"),
			{name: "publish is no longer offered", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{`id="credit-record-state">公示中`, "2025-03-10"}, absent: []string{`id="credit-publish-form"`}},
			act("published twice", "publish", on("2025-03-11", ""), 409, refusal("credit.action_done", "publish")),
			act("a penalty is not removed", "remove", on("2026-05-01", "已整改"), 409, refusal("credit.listing_only", "remove")),
			act("revoke without a reason", "revoke", on("2026-05-29", ""), 400, errorOf("reason", "required", nil), `value="2026-05-29"`),
			act("revoked", "revoke", on("2026-05-29", "行政复议决定撤销"), 303, page),
			{name: "withdrawal is offered", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{`id="credit-withdraw-form"`, `id="credit-record-state">已撤销，待撤回`}, absent: []string{`id="credit-revoke-form"`}},
			act("withdrawn", "withdraw", on("2026-06-01", ""), 303, page),
			{name: "nothing is left to do", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{`id="credit-record-state">已撤回`, "行政复议决定撤销"}, absent: []string{`-form"`}},
			{name: "the listing removed", who: w.bureau, method: "POST", path: listing + "/remove", form: on("2026-05-01", "已取得联系"), status: 303, want: []string{listing}},
			{name: "removal is no longer offered", who: w.bureau, method: "GET", path: listing, status: 200,
				want: []string{`id="credit-record-state">已移出`, "已取得联系"}, absent: []string{`id="credit-remove-form"`}},
		})
	})
}
