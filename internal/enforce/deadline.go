package enforce

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// The rules of the set "enforce" (internal/rules/defaults.json).
const (
	ruleRectifyDays  = "enforce.rectification.deadline_working_days"
	ruleFilingDays   = "enforce.case.filing_working_days"
	ruleDecisionDays = "enforce.case.decision_days"
	ruleHearingDays  = "enforce.case.hearing_request_days"
	rulePaymentDays  = "enforce.case.payment_days"
)

// workingDeadline is the day n working days after from, n read from rule key, with the
// exact rule version applied.
func (s *Service) workingDeadline(ctx context.Context, key string, from time.Time) (time.Time, string, error) {
	n, ref, err := s.ruleDays(ctx, key, from)
	if err != nil {
		return time.Time{}, "", err
	}
	return s.cal.Deadline(from, n).Due, ref, nil
}

// calendarDeadline is the day n calendar days after from, n read from rule key.
func (s *Service) calendarDeadline(ctx context.Context, key string, from time.Time) (time.Time, string, error) {
	n, ref, err := s.ruleDays(ctx, key, from)
	if err != nil {
		return time.Time{}, "", err
	}
	return from.AddDate(0, 0, n), ref, nil
}

// ruleDays reads the days of rule key as in force on day.
func (s *Service) ruleDays(ctx context.Context, key string, day time.Time) (int, string, error) {
	return inForce(ctx, s, s.book.Int, key, day)
}

// inForce reads rule key with get as in force on day, and the exact rule version applied; a
// record from before the rule set took effect (history entered late) is judged under
// today's rules rather than left without a value.
func inForce[T any](ctx context.Context, s *Service, get func(context.Context, string, time.Time) (T, rules.Effective, error),
	key string, day time.Time) (T, string, error) {
	v, e, err := get(ctx, key, day)
	if errors.Is(err, rules.ErrNotInForce) {
		v, e, err = get(ctx, key, s.today())
	}
	if err != nil {
		return v, "", fmt.Errorf("rule %s on %s: %w", key, day.Format(time.DateOnly), err)
	}
	return v, e.Ref, nil
}
