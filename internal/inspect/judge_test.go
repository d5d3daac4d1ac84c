package inspect

import (
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

func TestJudgeAtThresholds(t *testing.T) {
	c := smallContent(ResultRule{MaxGeneralFailures: 2, MaxKeyFailures: 0})
	all := func(a Answer) Answers {
		return Answers{"1.1": a, "2.1": a, "4.1": a, "6.1": a, "7.1": a}
	}
	with := func(base Answers, kv ...string) Answers {
		out := Answers{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = Answer(kv[i+1])
		}
		return out
	}
	pass := all(Pass)
	tests := []struct {
		name    string
		answers Answers
		outcome Outcome
		reason  string
		lost    float64
	}{
		{"no failure", pass, Compliant, ReasonNoFailure, 0},
		{"one general failure", with(pass, "4.1", "fail"), BasicallyCompliant, ReasonWithinLimits, 2},
		{"general failures at the maximum", with(pass, "4.1", "fail", "6.1", "fail"), BasicallyCompliant, ReasonWithinLimits, 3},
		{"one general failure over the maximum", with(pass, "4.1", "fail", "6.1", "fail", "7.1", "fail"), NonCompliant, ReasonTooManyGeneral, 3},
		{"one key failure", with(pass, "2.1", "fail"), NonCompliant, ReasonKeyFailed, 0},
		{"key failure and too many general", all(Fail), NonCompliant, ReasonKeyAndTooMany, 3},
		{"not applicable items do not count", with(pass, "2.1", "na", "4.1", "na", "6.1", "na"), Compliant, ReasonNoFailure, 0},
		{"not applicable beside failures at the maximum", with(pass, "2.1", "na", "4.1", "fail", "6.1", "fail", "7.1", "na"), BasicallyCompliant, ReasonWithinLimits, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Judge(tt.answers)
			if res.Outcome != tt.outcome || res.Reason != tt.reason || res.PointsLost != tt.lost {
				t.Fatalf("got %s (%s, %v points lost), want %s (%s, %v)", res.Outcome, res.Reason, res.PointsLost, tt.outcome, tt.reason, tt.lost)
			}
			for _, lang := range i18n.Langs {
				if text := res.Explain(lang); strings.Contains(text, "{") || strings.HasPrefix(text, "inspect.") {
					t.Errorf("explanation in %s: %q", lang, text)
				}
			}
		})
	}
}

func TestJudgeListsWhatItCounted(t *testing.T) {
	c := smallContent(ResultRule{MaxGeneralFailures: 8})
	res := c.Judge(Answers{"1.1": Fail, "4.1": Fail, "6.1": NotApplicable, "7.1": Pass})
	if !slices.Equal(res.KeyFailures, []string{"1.1"}) || !slices.Equal(res.GeneralFailures, []string{"4.1"}) ||
		!slices.Equal(res.NotApplicable, []string{"6.1"}) || !slices.Equal(res.Unanswered, []string{"2.1"}) || res.Passed != 1 {
		t.Fatalf("result %+v", res)
	}
	if got := res.Explain(i18n.Chinese); !strings.Contains(got, "重点项不符合 1 项，超过上限 0") {
		t.Errorf("explanation %q", got)
	}
}

func TestJudgeAllowsKeyFailuresWhereTheRuleDoes(t *testing.T) {
	c := smallContent(ResultRule{MaxGeneralFailures: 0, MaxKeyFailures: 1})
	if got := c.Judge(Answers{"1.1": Fail}).Outcome; got != BasicallyCompliant {
		t.Fatalf("one key failure with one allowed: %s", got)
	}
	if got := c.Judge(Answers{"1.1": Fail, "2.1": Fail}).Outcome; got != NonCompliant {
		t.Fatalf("two key failures with one allowed: %s", got)
	}
	if got := c.Judge(Answers{"4.1": Fail}).Outcome; got != NonCompliant {
		t.Fatalf("one general failure with none allowed: %s", got)
	}
}
