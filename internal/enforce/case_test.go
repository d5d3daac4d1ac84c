package enforce

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// openCase delivers a signed inspection of shop 0 with a key failure and returns its case.
func (c *enforceCity) openCase(t *testing.T, uuid string) *Case {
	t.Helper()
	c.deliver(t, c.signed(uuid, 0, []string{"1.1"}, []string{"4.1"}))
	list, err := c.svc.Cases(c.officer(0), CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range list {
		if k.InspectionUUID == uuid {
			got, err := c.svc.Case(c.officer(0), k.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
	}
	t.Fatalf("no case for %s in %+v", uuid, list)
	return nil
}

// notifiedCase opens the case of inspection uuid and takes it to the notice of the intended
// penalty (处罚告知), as station 0's head.
func (c *enforceCity) notifiedCase(t *testing.T, uuid string) int64 {
	t.Helper()
	id := c.openCase(t, uuid).ID
	for _, s := range []Step{Filed, Investigated, Notified} {
		c.mustAdvance(t, c.head(0), id, s, StepInput{ApprovedBy: "王局长"})
	}
	return id
}

// fineDecision is a decision of a 5,000 yuan fine (the least of art. 126) and 800 yuan
// confiscated.
func fineDecision(doc string) *DecisionInput {
	return &DecisionInput{DocumentNumber: doc, Violation: "餐具未经清洗消毒", Offence: "fsl_126_1_5",
		Measures: []string{"warning", "fine", "confiscation"}, FineYuan: 5000, ConfiscatedYuan: 800}
}

// mustAdvance records step on case id by ctx or fails the test.
func (c *enforceCity) mustAdvance(t *testing.T, ctx context.Context, id int64, step Step, in StepInput) *Case {
	t.Helper()
	in.Step = step
	k, err := c.svc.Advance(ctx, id, in)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return k
}

func TestKeyFailureRegistersOneCase(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		fact := c.signed("u-1", 0, []string{"1.1"}, []string{"4.1"})
		c.deliver(t, fact)
		c.deliver(t, fact)
		k := c.openCase(t, "u-1")
		if k.Step != Registered || !reflect.DeepEqual(k.Findings, Findings{KeyFailures: []string{"1.1"}, GeneralFailures: []string{"4.1"}}) ||
			k.StepDue == nil || !k.StepDue.Equal(day("2026-10-22")) || len(k.Steps) != 1 {
			t.Errorf("case = %+v", k)
		}
		if n := countRows(t, st, `SELECT count(*) FROM cases`); n != 1 {
			t.Errorf("%d cases, want 1", n)
		}
		if n := countRows(t, st, `SELECT count(*) FROM rectifications`); n != 0 {
			t.Errorf("%d rectifications for a key failure, want none: the case handles it", n)
		}
	})
}

func TestCaseLifecycleWithHearing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		id := c.openCase(t, "u-1").ID
		c.setToday(day("2026-11-30").Add(10 * 3600e9))
		officer, head := c.officer(0), c.head(0)
		k := c.mustAdvance(t, head, id, Filed, StepInput{DoneOn: "2026-10-09", ApprovedBy: "王局长"})
		if !k.StepDue.Equal(day("2027-01-07")) { // 90 days after filing
			t.Errorf("decision due %v, want 2027-01-07", k.StepDue)
		}
		c.mustAdvance(t, officer, id, Investigated, StepInput{DoneOn: "2026-10-20", Note: "询问笔录两份"})
		k = c.mustAdvance(t, officer, id, Notified, StepInput{DoneOn: "2026-10-21"})
		if n := k.stepRow(Notified); n.DueOn == nil || !n.DueOn.Equal(day("2026-10-26")) || !k.StepDue.Equal(day("2027-01-07")) {
			t.Errorf("notice due %v, case due %v", n.DueOn, k.StepDue)
		}
		if _, err := c.svc.RequestHearing(officer, id, HearingRequest{RequestedOn: "2026-10-27"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("late hearing request: %v, want refused", err)
		}
		if _, err := c.svc.RequestHearing(officer, id, HearingRequest{RequestedOn: "2026-10-23"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Advance(head, id, StepInput{Step: Decided, DoneOn: "2026-10-30", ApprovedBy: "王局长", Decision: fineDecision("江市监罚〔2026〕1号")}); codeOf(err) != "conflict enforce.hearing_pending" {
			t.Errorf("decision before the requested hearing: %v", err)
		}
		c.mustAdvance(t, officer, id, Heard, StepInput{DoneOn: "2026-11-02", Note: "当事人到场陈述"})
		k = c.mustAdvance(t, head, id, Decided, StepInput{DoneOn: "2026-11-05", ApprovedBy: "王局长", Decision: fineDecision("江市监罚〔2026〕1号")})
		if k.DocumentNumber != "江市监罚〔2026〕1号" || k.FineYuan != 5000 || k.ConfiscatedYuan != 800 || !k.StepDue.Equal(day("2026-11-20")) {
			t.Errorf("decided = %+v", k)
		}
		c.mustAdvance(t, officer, id, Executed, StepInput{DoneOn: "2026-11-18", PaidYuan: 5800})
		k = c.mustAdvance(t, head, id, CaseClosed, StepInput{DoneOn: "2026-11-20", ApprovedBy: "王局长"})
		var got []Step
		for _, s := range k.Steps {
			got = append(got, s.Step)
		}
		want := []Step{Registered, Filed, Investigated, Notified, Heard, Decided, Executed, CaseClosed}
		if !reflect.DeepEqual(got, want) || k.StepDue != nil || k.PaidYuan != 5800 || k.Steps[1].ApprovedBy != "王局长" || k.Steps[2].RecordedBy != "officer" {
			t.Errorf("steps %v, case %+v", got, k)
		}
		if n := countRows(t, st, `SELECT count(*) FROM audit_log WHERE object_type = 'case'`); n != 9 {
			t.Errorf("%d audit entries of the case, want 9 (8 steps and the hearing request)", n)
		}
	})
}

func TestPenaltyDecisionPublishedAndSealed(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		id, head := c.notifiedCase(t, "u-1"), c.head(0)
		if _, err := c.svc.Advance(head, id, StepInput{Step: Heard}); codeOf(err) != "conflict enforce.hearing_not_requested" {
			t.Errorf("hearing nobody asked for: %v", err)
		}
		d := fineDecision("江市监罚〔2026〕7号")
		d.Measures, d.BanMonths, d.Severe = append(d.Measures, "practice_ban"), 12, true
		c.mustAdvance(t, head, id, Decided, StepInput{ApprovedBy: "王局长", Decision: d})
		var payload string
		if err := st.DB().QueryRowContext(context.Background(), `SELECT payload FROM journal_entries WHERE topic = $1`, TopicPenaltyDecided).Scan(&payload); err != nil {
			t.Fatal(err)
		}
		var flat map[string]any
		if err := json.Unmarshal([]byte(payload), &flat); err != nil || flat["document_number"] != "江市监罚〔2026〕7号" || flat["severe"] != true {
			t.Errorf("payload %s: want the decision's fields flat, as the credit file reads them", payload)
		}
		var fact PenaltyDecided
		if err := json.Unmarshal([]byte(payload), &fact); err != nil {
			t.Fatal(err)
		}
		want := PenaltyDecided{CaseID: id, BusinessID: c.shop[0], DistrictID: c.district[0], StationID: c.station[0],
			DecidedOn: "2026-09-24", DecisionInput: DecisionInput{DocumentNumber: "江市监罚〔2026〕7号", Violation: "餐具未经清洗消毒", Offence: "fsl_126_1_5",
				Measures: []string{"warning", "fine", "confiscation", "practice_ban"}, FineYuan: 5000, ConfiscatedYuan: 800, BanMonths: 12, Severe: true}}
		if !reflect.DeepEqual(fact, want) {
			t.Errorf("fact = %+v\nwant   %+v", fact, want)
		}
		_, err := c.svc.Advance(head, id, StepInput{Step: Decided, ApprovedBy: "王局长", Decision: fineDecision("江市监罚〔2026〕8号")})
		if !errors.Is(err, seal.ErrSealed) || apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("second decision: %v, want the seal's 409", err)
		}
		_, err = st.DB().ExecContext(context.Background(), `UPDATE case_steps SET note = 'x' WHERE case_id = $1 AND step = 'decided'`, id)
		if !seal.IsSealedViolation(err) {
			t.Errorf("direct update of the decision: %v, want the guard's refusal", err)
		}
	})
}

func TestCaseStepRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		id := c.openCase(t, "u-1").ID
		officer, head := c.officer(0), c.head(0)
		tests := []struct {
			name  string
			ctx   context.Context
			step  Step
			in    StepInput
			want  string
			field string
		}{
			{"skip filing", officer, Investigated, StepInput{}, "conflict enforce.step_out_of_order", ""},
			{"decide at once", head, Decided, StepInput{ApprovedBy: "王", Decision: fineDecision("1")}, "conflict enforce.step_out_of_order", ""},
			{"hearing not requested", officer, Heard, StepInput{}, "conflict enforce.step_out_of_order", ""},
			{"unknown step", officer, "appeal", StepInput{}, "invalid ", "step"},
			{"registered again", officer, Registered, StepInput{}, "invalid ", "step"},
			{"filing needs the approve permission", officer, Filed, StepInput{ApprovedBy: "王"}, "forbidden enforce.approval_needed", ""},
			{"filing names the approver", head, Filed, StepInput{}, "invalid ", "approved_by"},
			{"future day", head, Filed, StepInput{ApprovedBy: "王", DoneOn: "2026-09-25"}, "invalid ", "done_on"},
			{"before the previous step", head, Filed, StepInput{ApprovedBy: "王", DoneOn: "2026-09-23"}, "invalid ", "done_on"},
			{"other station", c.head(1), Filed, StepInput{ApprovedBy: "王"}, "forbidden access.out_of_scope", ""},
			{"operator", c.operator(0), Filed, StepInput{ApprovedBy: "王"}, "forbidden access.out_of_scope", ""},
			{"transfer names the police", head, Transferred, StepInput{ApprovedBy: "王"}, "invalid ", "police_unit"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := tt.in
				in.Step = tt.step
				_, err := c.svc.Advance(tt.ctx, id, in)
				if codeOf(err) != tt.want {
					t.Fatalf("got %v (%s), want %s", err, codeOf(err), tt.want)
				}
				if e := apperr.From(err); tt.field != "" && (len(e.Fields) != 1 || e.Fields[0].Field != tt.field) {
					t.Errorf("fields %+v, want one on %s", e.Fields, tt.field)
				}
			})
		}
		e := apperr.From(func() error { _, err := c.svc.Advance(officer, id, StepInput{Step: Investigated}); return err }())
		if e.Params["current"] != "registered" || e.Params["current_zh"] != "案件来源登记" {
			t.Errorf("out-of-order params %+v: want the current step named", e.Params)
		}
		if n := countRows(t, st, `SELECT count(*) FROM case_steps`); n != 1 {
			t.Errorf("%d steps after refusals, want only the registration", n)
		}
	})
}

func TestDecisionRefusals(t *testing.T) {
	tests := []struct {
		name   string
		d      *DecisionInput
		fields []string
	}{
		{"missing", nil, []string{"decision"}},
		{"empty", &DecisionInput{}, []string{"document_number", "violation", "measures"}},
		{"unknown measure", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"caning"}}, []string{"measures"}},
		{"fine without the measure", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"warning"}, FineYuan: 100}, []string{"fine_yuan"}},
		{"fine measure without amount", &DecisionInput{DocumentNumber: "1", Violation: "v", Offence: "fsl_132", Measures: []string{"fine"}}, []string{"fine_yuan"}},
		{"fine without an offence", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"fine"}, FineYuan: 20000}, []string{"offence"}},
		{"offence not in the catalogue", &DecisionInput{DocumentNumber: "1", Violation: "v", Offence: "fsl_999", Measures: []string{"warning"}}, []string{"offence"}},
		{"negative goods value", &DecisionInput{DocumentNumber: "1", Violation: "v", Offence: "fsl_124_1_2", GoodsValueYuan: -1, Measures: []string{"warning"}}, []string{"goods_value_yuan"}},
		{"warning needs no offence", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"warning"}}, nil},
		{"negative confiscation", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"confiscation"}, ConfiscatedYuan: -1}, []string{"confiscated_yuan"}},
		{"ban without the measure", &DecisionInput{DocumentNumber: "1", Violation: "v", Measures: []string{"warning"}, BanMonths: 6}, []string{"ban_months"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v apperr.Collector
			checkDecision(&v, tt.d)
			var got []string
			for _, f := range apperr.From(v.Err()).Fields {
				got = append(got, f.Field)
			}
			if !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("fields %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestCaseTerminalPaths(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		head := c.head(0)
		k := c.mustAdvance(t, head, c.openCase(t, "u-1").ID, NotFiled, StepInput{ApprovedBy: "王", Note: "情节轻微，已当场改正"})
		if k.Step != NotFiled || k.StepDue != nil {
			t.Errorf("not filed = %+v", k)
		}
		id := c.openCase(t, "u-2").ID
		c.mustAdvance(t, head, id, Filed, StepInput{ApprovedBy: "王"})
		k = c.mustAdvance(t, head, id, Transferred, StepInput{ApprovedBy: "王", PoliceUnit: "江临市公安局食药环支队"})
		if k.Step != Transferred || k.Steps[2].Facts["police_unit"] != "江临市公安局食药环支队" {
			t.Errorf("transferred = %+v", k)
		}
		if _, err := c.svc.Advance(head, id, StepInput{Step: Investigated}); codeOf(err) != "conflict enforce.step_out_of_order" {
			t.Errorf("step after transfer: %v", err)
		}
		open, err := c.svc.Cases(head, CaseFilter{Open: true})
		if err != nil || len(open) != 0 {
			t.Errorf("open cases = %+v, %v; want none", open, err)
		}
	})
}

func TestCaseScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		id := c.openCase(t, "u-1").ID
		tests := []struct {
			name string
			ctx  context.Context
			sees bool
		}{
			{"station", c.officer(0), true},
			{"district", c.districtAdmin(0), true},
			{"other station", c.officer(1), false},
			{"other district", c.districtAdmin(1), false},
			{"operator before the decision", c.operator(0), false},
			{"other operator", c.operator(1), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := c.svc.Case(tt.ctx, id)
				if sees := err == nil; sees != tt.sees || (!sees && codeOf(err) != "not_found enforce.case_not_found") {
					t.Errorf("read: %v, want seen %v", err, tt.sees)
				}
				list, _ := c.svc.Cases(tt.ctx, CaseFilter{})
				if (len(list) == 1) != (tt.sees) {
					t.Errorf("list = %d cases, want seen %v", len(list), tt.sees)
				}
			})
		}
		head := c.head(0)
		for _, s := range []Step{Filed, Investigated, Notified} {
			c.mustAdvance(t, head, id, s, StepInput{ApprovedBy: "王"})
		}
		c.mustAdvance(t, head, id, Decided, StepInput{ApprovedBy: "王", Decision: fineDecision("江市监罚〔2026〕9号")})
		if _, err := c.svc.Case(c.operator(0), id); err != nil {
			t.Errorf("operator after the decision: %v, want its own case", err)
		}
		if list, err := c.svc.Cases(c.operator(0), CaseFilter{}); err != nil || len(list) != 1 {
			t.Errorf("operator's list = %+v, %v; want its decided case", list, err)
		}
		if list, err := c.svc.Cases(c.operator(1), CaseFilter{}); err != nil || len(list) != 0 {
			t.Errorf("other operator's list = %+v, %v; want none", list, err)
		}
	})
}
