package risk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// fullChecklistKey is the rule of an inspection covering the whole checklist at least once
// in so many years (Order 49 art. 22).
const fullChecklistKey = "inspect.full_checklist_interval_years"

// planRules are the rules an annual plan (年度监督检查计划) applies, resolved on one day: the
// inspections a year each grade needs under each scheme in force, and the full-checklist
// interval with the day it took effect (fullYears nil before Order 49).
type planRules struct {
	frequency map[SchemeName]map[Grade]frequency
	fullYears *param
	fullFrom  time.Time
}

// loadPlanRules resolves the plan's rules in force at at. A scheme not yet in force (the
// 2022 draft before it was published) is left out; a grade under it then fails to plan.
func loadPlanRules(ctx context.Context, book Lookup, at time.Time) (*planRules, error) {
	l := &loader{ctx: ctx, book: book, at: at}
	r := &planRules{frequency: map[SchemeName]map[Grade]frequency{}}
	for _, name := range []SchemeName{Scheme2016, Scheme2022Draft} {
		keys := schemes[name]
		if _, _, err := book.Numbers(ctx, keys.frequency+string(GradeA), at); errors.Is(err, rules.ErrNotInForce) {
			continue
		}
		r.frequency[name] = map[Grade]frequency{}
		for _, g := range Grades {
			r.frequency[name][g] = l.frequency(keys.frequency + string(g))
		}
	}
	years, e, err := book.Float(ctx, fullChecklistKey, at)
	switch {
	case errors.Is(err, rules.ErrNotInForce):
	case err != nil:
		l.errs = append(l.errs, err)
	default:
		r.fullYears = &param{years, sourceOf(e)}
		r.fullFrom, err = time.Parse(time.DateOnly, e.EffectiveFrom.String())
		l.errs = append(l.errs, err)
	}
	if err := errors.Join(l.errs...); err != nil {
		return nil, fmt.Errorf("plan rules on %s: %w", rules.DateOf(at), err)
	}
	return r, nil
}

// refs lists the rule versions the plan applies, sorted, as a grade's RuleRefs does.
func (r *planRules) refs() []string {
	seen := map[string]bool{}
	for _, byGrade := range r.frequency {
		for _, f := range byGrade {
			seen[f.Ref] = true
		}
	}
	if r.fullYears != nil {
		seen[r.fullYears.Ref] = true
	}
	out := make([]string, 0, len(seen))
	for ref := range seen {
		out = append(out, ref)
	}
	slices.Sort(out)
	return out
}
