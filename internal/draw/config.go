package draw

import (
	"context"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// RuleBook reads the rules a draw needs; *rules.Book is one.
type RuleBook interface {
	Numbers(ctx context.Context, key string, at time.Time) ([]float64, rules.Effective, error)
	Int(ctx context.Context, key string, at time.Time) (int, rules.Effective, error)
}

// PublishDeadlineRuleKey is the rule of the working days within which a draw's result is
// published (Order 49 art. 39).
const PublishDeadlineRuleKey = "draw.publish_deadline_working_days"

// RatioRuleKey is the rule (draw-credit set) holding the ratio range of class c.
func RatioRuleKey(c CreditClass) string { return "draw.ratio_percent." + string(c) }

// DefaultConfig returns the config of a new task with the rules in force at t: the upper
// end of each class's ratio range (the local example reads "A ≤ 5 %", so the end is what the
// rule allows at most) and the two inspectors Order 49 art. 23 requires.
func DefaultConfig(ctx context.Context, book RuleBook, at time.Time, taskID, taskName string) (Config, error) {
	ratios := make(map[CreditClass]float64, len(Classes))
	for _, c := range Classes {
		r, _, err := book.Numbers(ctx, RatioRuleKey(c), at)
		if err != nil {
			return Config{}, fmt.Errorf("draw ratio of class %s: %w", c, err)
		}
		if len(r) == 0 {
			return Config{}, fmt.Errorf("draw ratio of class %s: rule %s is empty", c, RatioRuleKey(c))
		}
		ratios[c] = r[len(r)-1]
	}
	return Config{TaskID: taskID, TaskName: taskName, RatioPercent: ratios, InspectorsPerEntity: MinInspectorsPerEntity}, nil
}
