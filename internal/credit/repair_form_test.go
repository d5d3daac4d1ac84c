package credit

import (
	"context"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestRepairForms: the operator asks for credit repair of its own published penalty from the
// record page and the bureau approves it; the page says why a record cannot be repaired
// yet, each bad field comes back beside the field with nothing written, and no one else
// may ask or decide.
func TestRepairForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		bureau := w.city.districtCtx()
		pen := w.city.mustAdd(t, bureau, penalty(w.shop, "江市监罚〔2025〕7号", "2025-03-01", 80000))
		w.city.mustAct(t, bureau, pen.ID, ActionPublish, "2025-03-10")
		soon := w.city.mustAdd(t, bureau, penalty(w.neighbour, "江市监罚〔2025〕9号", "2025-09-01", 80000))
		w.city.mustAct(t, bureau, soon.ID, ActionPublish, "2025-09-10")
		page, early := "/credit/records/"+itoa(pen.ID), "/credit/records/"+itoa(soon.ID)
		full := url.Values{"reason": {"已缴清罚款并整改到位"}, "evidence": {"罚款缴纳凭证、整改报告"}, "obligations_fulfilled": {"1"}, "harm_remedied": {"1"}}
		ask := func(name string, who caller, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: who, method: "POST", path: page + "/repairs", form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the operator is offered the request", who: w.operator, method: "GET", path: page, status: 200,
				want: []string{`id="credit-repair-form"`, `name="csrf" value="` + csrfToken + `"`}, absent: []string{`id="credit-decision-form"`}},
			{name: "the page says why a record cannot be repaired yet", who: w.neighbourOperator, method: "GET", path: early, status: 200,
				want: []string{`id="credit-repair-blocked"`, "最早 2026-09-10 可申请"}, absent: []string{`id="credit-repair-form"`}},
			ask("no declarations", w.operator, url.Values{"reason": full["reason"], "evidence": full["evidence"]}, 400,
				errorOf("obligations_fulfilled", "credit_repair_declaration", nil), errorOf("harm_remedied", "credit_repair_declaration", nil), "已缴清罚款并整改到位"),
			ask("no reason or evidence", w.operator, url.Values{"obligations_fulfilled": {"1"}, "harm_remedied": {"1"}}, 400,
				errorOf("reason", "required", nil), errorOf("evidence", "required", nil), `id="repair-obligations" value="1" checked`),
			{name: "in English", who: w.operator, lang: i18n.English, method: "POST", path: page + "/repairs", form: url.Values{"reason": {"paid"}}, status: 400,
				want: []string{`id="evidence-error">is required`, "Ask for credit repair"}},
			{name: "too soon", who: w.neighbourOperator, method: "POST", path: early + "/repairs", form: full, status: 400,
				want: []string{`id="form-refusal"`, `id="credit-repair-blocked"`, "最早 2026-09-10 可申请"}},
			ask("another business's record", w.neighbourOperator, full, 403),
			ask("another district's record", w.foreignBureau, full, 403),
			ask("a role without credit", w.nobody, full, 403),
			ask("the public", w.anonymous, full, 303, "/login"),
			ask("asked", w.operator, full, 303, page+"?flash=credit.saved"),
			ask("asked twice", w.operator, full, 400, i18n.T(i18n.Chinese, "rule.credit_repair_pending", nil)),
		})
		repairs, err := repairsOf(context.Background(), st.ReadDB(), w.shop)
		if err != nil || len(repairs) != 1 || repairs[0].Status != RepairPending {
			t.Fatalf("repairs after the request: %+v, %v; want one pending", repairs, err)
		}
		decide := "/credit/repairs/" + itoa(repairs[0].ID) + "/decision"
		answer := func(name string, who caller, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: who, method: "POST", path: decide, form: form, status: status, want: want}
		}
		approve := url.Values{"approve": {"1"}, "reason": {"材料齐全，符合条件"}}
		w.run([]formCase{
			{name: "the bureau is offered the decision", who: w.bureau, method: "GET", path: page, status: 200,
				want: []string{`id="credit-decision-form"`, `action="` + decide + `"`, "已缴清罚款并整改到位", "待决定"}},
			{name: "the operator is not", who: w.operator, method: "GET", path: page, status: 200, absent: []string{`id="credit-decision-form"`}},
			answer("no answer chosen", w.bureau, url.Values{"reason": {"再议"}}, 400, errorOf("approve", "required", nil), "再议"),
			answer("refused without a reason", w.bureau, url.Values{"approve": {"0"}}, 400, errorOf("reason", "required", nil), `value="0" checked`),
			answer("another district", w.foreignBureau, approve, 403),
			answer("the operator decides its own", w.operator, approve, 403),
			answer("the public", w.anonymous, approve, 303, "/login"),
			answer("approved", w.bureau, approve, 303, page+"?flash=credit.saved"),
			{name: "the record is repaired", who: w.operator, method: "GET", path: page, status: 200,
				want: []string{`id="credit-record-state">已信用修复`, "准予修复", "材料齐全，符合条件"}, absent: []string{`id="credit-repair-form"`}},
			answer("decided twice", w.bureau, approve, 409, `id="form-refusal"`),
		})
	})
}
