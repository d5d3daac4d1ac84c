package inspect

import "github.com/shejian/shejian/internal/i18n"

// Answer is the inspector's finding on one item.
type Answer string

// The answers.
const (
	Pass          Answer = "pass" // 是 / 符合
	Fail          Answer = "fail" // 否 / 不符合
	NotApplicable Answer = "na"   // 不适用
)

// Answers maps item codes to answers.
type Answers map[string]Answer

// Outcome is the result of an inspection (检查结果).
type Outcome string

// The outcomes.
const (
	Compliant          Outcome = "compliant"           // 符合
	BasicallyCompliant Outcome = "basically_compliant" // 基本符合
	NonCompliant       Outcome = "non_compliant"       // 不符合
)

// The reasons Judge gives; each is a message key "inspect.reason.<reason>".
const (
	ReasonNoFailure      = "no_failure"
	ReasonWithinLimits   = "within_limits"
	ReasonKeyFailed      = "key_failed"
	ReasonTooManyGeneral = "too_many_general"
	ReasonKeyAndTooMany  = "key_failed_and_too_many_general"
)

// Result is the outcome of a set of answers under a version's rule, with what led to it.
type Result struct {
	Outcome Outcome `json:"outcome"`
	// Reason names the rule that decided; ReasonKey is its message key.
	Reason          string     `json:"reason"`
	ReasonKey       string     `json:"reason_key"`
	Rule            ResultRule `json:"rule"`
	KeyFailures     []string   `json:"key_failures"`
	GeneralFailures []string   `json:"general_failures"`
	NotApplicable   []string   `json:"not_applicable"`
	Unanswered      []string   `json:"unanswered"`
	Passed          int        `json:"passed"`
	// PointsLost sums the points of failed items where the table is scored.
	PointsLost float64 `json:"points_lost"`
}

// Params are the message parameters of the reason.
func (r Result) Params() map[string]any {
	return map[string]any{"key": len(r.KeyFailures), "general": len(r.GeneralFailures),
		"max_key": r.Rule.MaxKeyFailures, "max_general": r.Rule.MaxGeneralFailures}
}

// Judge applies the version's result rule to answers. Items answered 不适用 or not at all do
// not count; answers to unknown codes are ignored (CheckAnswers refuses them first).
func (c Content) Judge(answers Answers) Result {
	res := Result{Rule: c.Rule, KeyFailures: []string{}, GeneralFailures: []string{},
		NotApplicable: []string{}, Unanswered: []string{}}
	for _, it := range c.Items {
		switch answers[it.Code] {
		case Pass:
			res.Passed++
		case NotApplicable:
			res.NotApplicable = append(res.NotApplicable, it.Code)
		case Fail:
			if it.Key {
				res.KeyFailures = append(res.KeyFailures, it.Code)
			} else {
				res.GeneralFailures = append(res.GeneralFailures, it.Code)
			}
			if it.Points != nil {
				res.PointsLost += *it.Points
			}
		default:
			res.Unanswered = append(res.Unanswered, it.Code)
		}
	}
	res.Outcome, res.Reason = c.Rule.decide(len(res.KeyFailures), len(res.GeneralFailures))
	res.ReasonKey = "inspect.reason." + res.Reason
	return res
}

// decide is the rule itself.
func (r ResultRule) decide(key, general int) (Outcome, string) {
	keyOver, generalOver := key > r.MaxKeyFailures, general > r.MaxGeneralFailures
	switch {
	case keyOver && generalOver:
		return NonCompliant, ReasonKeyAndTooMany
	case keyOver:
		return NonCompliant, ReasonKeyFailed
	case generalOver:
		return NonCompliant, ReasonTooManyGeneral
	case key+general > 0:
		return BasicallyCompliant, ReasonWithinLimits
	}
	return Compliant, ReasonNoFailure
}

// Explain says in lang why the answers got their outcome.
func (r Result) Explain(lang i18n.Lang) string { return i18n.T(lang, r.ReasonKey, r.Params()) }
