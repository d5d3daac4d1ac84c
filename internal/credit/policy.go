package credit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// Lookup is the part of the rule book the credit rules are read from.
type Lookup interface {
	Int(ctx context.Context, key string, at time.Time) (int, rules.Effective, error)
	Float(ctx context.Context, key string, at time.Time) (float64, rules.Effective, error)
	Table(ctx context.Context, key string, at time.Time) (rules.StepTable, rules.Effective, error)
}

// Source says where a number came from: the rule key, the exact version applied
// (rules.Effective.Ref) and its legal basis with its confidence tag.
type Source struct {
	Key        string `json:"key"`
	Ref        string `json:"ref"`
	Basis      string `json:"basis"`
	Confidence string `json:"confidence"` // [V], [S] or [M]
}

func sourceFrom(e rules.Effective) *Source {
	basis := strings.TrimSpace(e.Basis.Statute.ZH + " " + e.Basis.Article.ZH)
	return &Source{Key: e.Key, Ref: e.Ref, Basis: basis, Confidence: e.Confidence.Tag()}
}

// Param is one rule value with its source.
type Param struct {
	Value float64
	*Source
}

// Int is the value as a whole number.
func (n Param) Int() int { return int(n.Value) }

// Policy is every credit rule in force on one day.
type Policy struct {
	Day                 time.Time
	LowFineMax          Param // 较低数额罚款 limit, yuan
	MinorMonths         Param // publicity of a criticism or low fine
	OtherYears          Param // publicity of other penalties
	PublishDays         Param // working days to publish a penalty
	WithdrawDays        Param // working days to withdraw a revoked penalty
	ListingPublishDays  Param // working days to publish a listing
	SeriousTermYears    Param
	PenaltyRepairMonths Param // minimum months published before repair
	SeriousRepairMonths Param // minimum months listed before early removal
	LookbackYears       Param
	PenaltyCount        rules.StepTable
	PenaltyCountSource  *Source
	AbnormalClass       Param
	SevereClass         Param
	SeriousClass        Param
}

// LoadPolicy reads the credit rules in force on day, with the city's overrides.
func LoadPolicy(ctx context.Context, book Lookup, day time.Time) (*Policy, error) {
	var errs []error
	get := func(key string) Param {
		v, e, err := book.Float(ctx, key, day)
		errs = append(errs, err)
		return Param{v, sourceFrom(e)}
	}
	p := &Policy{Day: day,
		LowFineMax: get("credit.penalty.low_fine_max_yuan"), MinorMonths: get("penalty.publicity_months_minor"),
		OtherYears: get("penalty.publicity_years_other"), PublishDays: get("penalty.publish_deadline_working_days"),
		WithdrawDays: get("penalty.withdraw_deadline_working_days"), ListingPublishDays: get("credit.listing.publish_deadline_working_days"),
		SeriousTermYears: get("credit.serious.term_years"), PenaltyRepairMonths: get("credit.penalty.repair_min_months"),
		SeriousRepairMonths: get("credit.serious.repair_min_months"), LookbackYears: get("credit.class.lookback_years"),
		AbnormalClass: get("credit.class.abnormal_operation"), SevereClass: get("credit.class.severe_penalty"),
		SeriousClass: get("credit.class.serious_dishonesty"),
	}
	t, e, err := book.Table(ctx, "credit.class.penalty_count", day)
	p.PenaltyCount, p.PenaltyCountSource = t, sourceFrom(e)
	errs = append(errs, err, p.checkClasses())
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("credit rules on %s: %w", day.Format(time.DateOnly), err)
	}
	return p, nil
}

// checkClasses makes sure every class the rules give is 1–4 (A–D): the rule book checks the
// integers, but the points of a step table are only numbers.
func (p *Policy) checkClasses() error {
	if len(p.PenaltyCount.Points) == 0 {
		return nil // the table failed to load; that error is reported already
	}
	for _, v := range p.PenaltyCount.Points {
		if _, ok := classLetter(v); !ok {
			return fmt.Errorf("rule credit.class.penalty_count: class %v is not 1–4 (A–D)", v)
		}
	}
	return nil
}

// refs lists the rule versions of sources, sorted, without repeats, separated by spaces.
func refs(sources ...*Source) string {
	out := make([]string, 0, len(sources))
	for _, s := range sources {
		if s != nil && !slices.Contains(out, s.Ref) {
			out = append(out, s.Ref)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
