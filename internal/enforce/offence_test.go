package enforce

import (
	"context"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// art124 is the default fine of Food Safety Law art. 124: 50,000–100,000 yuan below
// 10,000 yuan of goods, 10–20 times the goods value from there.
var art124 = FineRule{FixedYuan: []float64{50000, 100000}, GoodsMultiple: []float64{10, 20}, GoodsValueThresholdYuan: 10000}

func TestFineRangeEdges(t *testing.T) {
	art126 := FineRule{FixedYuan: []float64{5000, 50000}}
	floorOnly := FineRule{FixedYuan: []float64{2000}}
	tests := []struct {
		name        string
		rule        FineRule
		goods, fine float64
		allowed     bool
	}{
		{"below the minimum", art124, 9999.99, 49999.99, false},
		{"at the minimum", art124, 9999.99, 50000, true},
		{"at the maximum", art124, 0, 100000, true},
		{"above the maximum", art124, 0, 100000.01, false},
		{"goods at the threshold: below 10 times", art124, 10000, 99999.99, false},
		{"goods at the threshold: 10 times", art124, 10000, 100000, true},
		{"goods at the threshold: 20 times", art124, 10000, 200000, true},
		{"goods at the threshold: above 20 times", art124, 10000, 200000.01, false},
		{"goods over the threshold: 10 times to the fen", art124, 12345.67, 123456.7, true},
		{"goods over the threshold: the fixed maximum is too little", art124, 12345.67, 100000, false},
		{"fixed only: goods value does not scale it", art126, 1e6, 50000, true},
		{"fixed only: above its maximum whatever the goods", art126, 1e6, 50000.01, false},
		{"fixed only: below its minimum", art126, 0, 4999.99, false},
		{"no maximum", floorOnly, 0, 1e9, true},
		{"no maximum, below the minimum", floorOnly, 0, 1999, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.RangeFor(tt.goods).allows(tt.fine); got != tt.allowed {
				t.Errorf("fine %v for goods %v in %+v: allowed %v, want %v", tt.fine, tt.goods, tt.rule.RangeFor(tt.goods), got, tt.allowed)
			}
		})
	}
}

// TestCatalogue: every offence has a clause whose default rules exist, and a name and a
// legal basis in both languages.
func TestCatalogue(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newEnforceCity(t, st)
	for _, lang := range i18n.Langs {
		list, err := c.svc.Catalogue(context.Background(), lang)
		if err != nil || len(list) != len(Offences) {
			t.Fatalf("catalogue in %s: %d entries, %v", lang, len(list), err)
		}
		for _, e := range list {
			if !i18n.Has(lang, offenceNameKey(e.Code)) || !i18n.Has(lang, offenceBasisKey(e.Code)) || len(e.Fine.FixedYuan) != 2 {
				t.Errorf("%s in %s: %+v", e.Code, lang, e)
			}
		}
	}
	list, _ := c.svc.Catalogue(context.Background(), i18n.English)
	for _, e := range list {
		if e.Code == "fsl_124_1_2" && (e.Basis != "Food Safety Law art. 124 ¶1 item 2" || e.Fine.GoodsValueThresholdYuan != 10000 ||
			e.Fine.GoodsMultiple[0] != 10 || e.Fine.GoodsMultiple[1] != 20 || e.Fine.FixedYuan[0] != 50000 || e.Fine.FixedYuan[1] != 100000) {
			t.Errorf("art. 124 entry = %+v", e)
		}
		if e.Code == "fsl_126_1_5" && e.Fine.GoodsMultiple != nil {
			t.Errorf("art. 126 has only a fixed range: %+v", e)
		}
	}
}

// TestDecisionFineOutsideRange: a fine outside its offence's range is a field error on
// fine_yuan naming the range in the reader's language, and nothing is saved.
func TestDecisionFineOutsideRange(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		id, head := c.notifiedCase(t, "u-1"), c.head(0)
		decision := func(fine, goods float64) *DecisionInput {
			return &DecisionInput{DocumentNumber: "江市监罚〔2026〕3号", Violation: "使用超过保质期的食品原料", Offence: "fsl_124_1_2",
				GoodsValueYuan: goods, Measures: []string{"fine", "confiscation"}, FineYuan: fine, ConfiscatedYuan: 300}
		}
		tests := []struct {
			name        string
			fine, goods float64
			zh, en      string
		}{
			{"below the fixed minimum", 40000, 3000, "须在 50000 元至 100000 元之间（《食品安全法》第一百二十四条第一款第（二）项）",
				"must be between 50000 and 100000 yuan (Food Safety Law art. 124 ¶1 item 2)"},
			{"the fixed maximum when the goods ask for 10 times", 100000, 20000, "须在 200000 元至 400000 元之间", "must be between 200000 and 400000 yuan"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := c.svc.Advance(head, id, StepInput{Step: Decided, ApprovedBy: "王局长", Decision: decision(tt.fine, tt.goods)})
				e := apperr.From(err)
				if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "fine_yuan" {
					t.Fatalf("err = %v, want one field error on fine_yuan", err)
				}
				zh, en := web.FieldMessage(i18n.Chinese, e.Fields[0]), web.FieldMessage(i18n.English, e.Fields[0])
				if !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
					t.Errorf("messages %q / %q, want %q / %q", zh, en, tt.zh, tt.en)
				}
			})
		}
		if n := countRows(t, st, `SELECT count(*) FROM case_steps WHERE case_id = $1`, id); n != 4 {
			t.Errorf("%d steps after refused decisions, want 4", n)
		}
		if n := countRows(t, st, `SELECT count(*) FROM journal_entries WHERE topic = $1`, TopicPenaltyDecided); n != 0 {
			t.Errorf("%d penalties published by refused decisions", n)
		}
		k := c.mustAdvance(t, head, id, Decided, StepInput{ApprovedBy: "王局长", Decision: decision(400000, 20000)})
		refs, _ := k.stepRow(Decided).Facts["fine_rule_refs"].(map[string]any)
		if k.FineYuan != 400000 || refs["enforce.fine.fsl_124.goods_multiple"] != "enforce/v1" {
			t.Errorf("decided at the maximum: fine %v, rules %v", k.FineYuan, refs)
		}
	})
}
