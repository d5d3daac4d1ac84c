package rules

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestOverrideKeepsBandOrder: a city may move a grade bound but never past its neighbour,
// with the overrides already made counted.
func TestOverrideKeepsBandOrder(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx := mustBook(t, s), context.Background()
		admin := mustUser(t, s, string(access.RoleCityAdmin))
		tests := []struct {
			key, value string
			rule       string // broken rule, "" when accepted
			other      string
		}{
			{"risk.grade_band.a_max", "45", "rule_order_below", "risk.grade_band.b_max"},
			{"risk.grade_band.a_max", "50", "rule_order_below", "risk.grade_band.b_max"},
			{"risk.grade_band.c_max", "45", "rule_order_above", "risk.grade_band.b_max"},
			{"risk.grade_band.b_max", "30", "rule_order_above", "risk.grade_band.a_max"},
			{"risk.grade_band.b_max", "40", "", ""},
			{"risk.grade_band.a_max", "40", "rule_order_below", "risk.grade_band.b_max"}, // b is 40 now
			{"risk.grade_band.a_max", "35", "", ""},
			{"risk.grade_band_2022.b_max", "61", "rule_order_below", "risk.grade_band_2022.c_max"},
		}
		for _, tt := range tests {
			err := b.Override(ctx, admin, tt.key, json.RawMessage(tt.value), "本市调整分级区间")
			if tt.rule == "" {
				if err != nil {
					t.Fatalf("%s = %s: %v", tt.key, tt.value, err)
				}
				continue
			}
			e := apperr.From(err)
			if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Rule != tt.rule || e.Fields[0].Params["other"] != tt.other {
				t.Errorf("%s = %s: got %v %+v, want %s naming %s", tt.key, tt.value, err, e.Fields, tt.rule, tt.other)
			}
		}
		a, _, _ := b.Float(ctx, "risk.grade_band.a_max", time.Now())
		bb, _, _ := b.Float(ctx, "risk.grade_band.b_max", time.Now())
		if a != 35 || bb != 40 {
			t.Errorf("bands after overrides: a %v b %v, want 35 40", a, bb)
		}
		if h, _ := b.History(ctx, "risk.grade_band.c_max"); len(h) != 0 {
			t.Errorf("a refused override left %d history rows", len(h))
		}
	})
}

func TestAscendingDefaultsChecked(t *testing.T) {
	const file = `{"sets": [{"name": "t", "version": 1, "title": {"zh": "测", "en": "t"},
		"basis": {"statute": {"zh": "法"}, "source": "s"}, "confidence": "secondary", "effective_from": "2020-01-01",
		"ascending": [["t.band.a", "t.band.b"]],
		"rules": [
		{"key": "t.band.a", "type": "number", "default": 50, "unit": "points", "description": {"zh": "甲", "en": "a"}},
		{"key": "t.band.b", "type": "number", "default": 40, "unit": "points", "description": {"zh": "乙", "en": "b"}}]}]}`
	if _, err := parseCatalog([]byte(file)); err == nil {
		t.Fatal("defaults out of order were accepted")
	}
}
