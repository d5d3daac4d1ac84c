package enforce

import (
	"context"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
)

// ruleGoodsThreshold is the goods value (货值金额) from which fines are a multiple of it.
const ruleGoodsThreshold = "enforce.fine.goods_value_threshold_yuan"

// FineRule is the fine a penalty clause allows, as in force on a day: a fixed range in
// yuan and, for clauses that scale with the goods, a range of multiples of the goods value
// that applies from the threshold on. A range is [min] or [min, max]. RuleRefs names the
// exact rule version each value came from, by rule key.
type FineRule struct {
	FixedYuan               []float64         `json:"fixed_yuan"`
	GoodsMultiple           []float64         `json:"goods_multiple,omitempty"`
	GoodsValueThresholdYuan float64           `json:"goods_value_threshold_yuan,omitempty"`
	RuleRefs                map[string]string `json:"rule_refs"`
}

// FineRange is the fine allowed for one goods value, in yuan; Capped is false when the
// rule sets no maximum.
type FineRange struct {
	MinYuan float64 `json:"min_yuan"`
	MaxYuan float64 `json:"max_yuan"`
	Capped  bool    `json:"capped"`
}

// RangeFor is the fine range for goods worth goodsYuan: the fixed range below the
// threshold (or when the clause does not scale), the multiples of the goods value at or
// above it.
func (f FineRule) RangeFor(goodsYuan float64) FineRange {
	bounds, scale := f.FixedYuan, 1.0
	if len(f.GoodsMultiple) > 0 && goodsYuan >= f.GoodsValueThresholdYuan {
		bounds, scale = f.GoodsMultiple, goodsYuan
	}
	r := FineRange{MinYuan: cents(bounds[0] * scale)}
	if len(bounds) == 2 {
		r.MaxYuan, r.Capped = cents(bounds[1]*scale), true
	}
	return r
}

// allows reports whether a fine of yuan lies in r, compared to the fen.
func (r FineRange) allows(yuan float64) bool {
	y := cents(yuan)
	return y >= r.MinYuan && (!r.Capped || y <= r.MaxYuan)
}

// cents rounds yuan to the fen, so that a multiple of a goods value compares exactly.
func cents(yuan float64) float64 { return math.Round(yuan*100) / 100 }

// yuanText writes an amount without exponent or trailing zeros, for messages.
func yuanText(yuan float64) string { return strconv.FormatFloat(yuan, 'f', -1, 64) }

// fineRule reads the fine rules of clause c as in force on day.
func (s *Service) fineRule(ctx context.Context, c penaltyClause, day time.Time) (FineRule, error) {
	f := FineRule{RuleRefs: map[string]string{}}
	key := "enforce.fine." + c.name + ".fixed_yuan"
	var err error
	if f.FixedYuan, f.RuleRefs[key], err = inForce(ctx, s, s.book.Numbers, key, day); err != nil || !c.byGoodsValue {
		return f, err
	}
	key = "enforce.fine." + c.name + ".goods_multiple"
	if f.GoodsMultiple, f.RuleRefs[key], err = inForce(ctx, s, s.book.Numbers, key, day); err != nil {
		return f, err
	}
	f.GoodsValueThresholdYuan, f.RuleRefs[ruleGoodsThreshold], err = inForce(ctx, s, s.book.Float, ruleGoodsThreshold, day)
	return f, err
}

// checkFine refuses a fine outside the range of the decision's offence for its goods
// value, naming the range, and records the rules applied in facts. Decisions checkDecision
// already refuses (no fine, unknown offence, negative amounts) are left to its errors.
func (s *Service) checkFine(ctx context.Context, v *apperr.Collector, d *DecisionInput, day time.Time, facts map[string]any) error {
	if d == nil || !slices.Contains(d.Measures, "fine") || d.FineYuan <= 0 || d.GoodsValueYuan < 0 {
		return nil
	}
	o, ok := offenceByCode(d.Offence)
	if !ok {
		return nil
	}
	rule, err := s.fineRule(ctx, o.clause(), day)
	if err != nil {
		return err
	}
	facts["fine_rule_refs"] = rule.RuleRefs
	r := rule.RangeFor(d.GoodsValueYuan)
	if r.allows(d.FineYuan) {
		return nil
	}
	params := map[string]any{"min": yuanText(r.MinYuan), "max": yuanText(r.MaxYuan),
		"basis_zh": i18n.T(i18n.Chinese, offenceBasisKey(o.Code), nil), "basis_en": i18n.T(i18n.English, offenceBasisKey(o.Code), nil)}
	rangeRule := "enforce_fine_range"
	if !r.Capped {
		rangeRule = "enforce_fine_min"
	}
	v.Add("fine_yuan", rangeRule, params)
	return nil
}

func offenceNameKey(code string) string  { return "enforce.offence." + code }
func offenceBasisKey(code string) string { return "enforce.offence." + code + ".basis" }
