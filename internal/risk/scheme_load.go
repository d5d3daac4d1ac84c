package risk

import (
	"context"
	"errors"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// loader reads the rules of a scheme, gathering every error.
type loader struct {
	ctx  context.Context
	book Lookup
	at   time.Time
	errs []error
}

func (l *loader) num(key string) param {
	v, e, err := l.book.Float(l.ctx, key, l.at)
	if err != nil {
		l.errs = append(l.errs, err)
	}
	return param{v, sourceOf(e)}
}

// optional reads a number that may not be in force at the scheme's date.
func (l *loader) optional(key string) *param {
	v, e, err := l.book.Float(l.ctx, key, l.at)
	if errors.Is(err, rules.ErrNotInForce) {
		return nil
	}
	if err != nil {
		l.errs = append(l.errs, err)
	}
	return &param{v, sourceOf(e)}
}

func (l *loader) steps(key string) table {
	t, e, err := l.book.Table(l.ctx, key, l.at)
	if err != nil {
		l.errs = append(l.errs, err)
	}
	return table{t, sourceOf(e)}
}

func (l *loader) frequency(key string) frequency {
	v, e, err := l.book.Numbers(l.ctx, key, l.at)
	if err != nil || len(v) == 0 {
		l.errs = append(l.errs, err)
		return frequency{Source: sourceOf(e)}
	}
	return frequency{Min: v[0], Max: v[len(v)-1], Source: sourceOf(e)}
}

func (l *loader) nums(prefix string, names []string) map[string]param {
	out := make(map[string]param, len(names))
	for _, n := range names {
		out[n] = l.num(prefix + n)
	}
	return out
}

// salesFactors are the sales table's factors, in the order of the table.
var salesFactors = [...]string{"area", "prepacked_ambient", "prepacked_chilled", "prepacked_frozen",
	"bulk_ambient", "bulk_chilled", "bulk_frozen", "suppliers"}

// cateringFormatKeys are the step tables of the catering formats.
var cateringFormatKeys = map[string]string{FormatRestaurant: "restaurant_area", FormatCanteen: "canteen_diners",
	FormatGroupMeal: "group_meal_diners"}

func (l *loader) static(s *Scheme) {
	s.Sales = map[string]table{}
	for _, f := range salesFactors {
		s.Sales[f] = l.steps("risk.static_sales." + f)
	}
	s.CateringFormats = map[string]table{}
	for format, key := range cateringFormatKeys {
		s.CateringFormats[format] = l.steps("risk.static_catering." + key)
	}
	s.CateringClasses = l.nums("risk.static_catering.class.", CateringClasses)
	s.HealthOptions = map[string]param{}
	for _, group := range []struct {
		name    string
		options []string
	}{{"material", HealthMaterials}, {"formula", HealthFormulas}, {"function", HealthFunctions}, {"storage", HealthStorages}} {
		for n, p := range l.nums("risk.static_health."+group.name+".", group.options) {
			s.HealthOptions[group.name+"."+n] = p
		}
	}
	s.HealthUnsuitable = l.steps("risk.static_health.unsuitable_groups")
	s.ProductionPoints = l.nums("risk.static_production.category.", ProductionCategories)
}

// dynamicItems are the dynamic rules scored per event.
var dynamicItems = []string{"inspection_basic", "inspection_noncompliant", "sampling_failure", "penalty", "complaint"}

// raiseTriggers are the events that raise a grade (调级情形).
var raiseTriggers = []EventKind{EventIntentionalViolation, EventSamplingFailure, EventPenalty, EventIncident,
	EventRecallFailure, EventObstruction, EventSeriousDishonesty}

func (l *loader) record(s *Scheme) {
	s.LookbackMonths = l.num("risk.dynamic.lookback_months")
	s.Dynamic = l.nums("risk.dynamic.", dynamicItems)
	s.Raise = map[EventKind]param{}
	for _, k := range raiseTriggers {
		s.Raise[k] = l.num("risk.adjust.raise." + string(k))
	}
	s.CleanYears = l.num("risk.adjust.clean_years")
	s.DowngradeSteps = l.num("risk.adjust.downgrade_steps")
}

func (l *loader) credit() map[EventKind]param {
	out := map[EventKind]param{}
	for _, k := range []EventKind{EventSeriousDishonesty, EventAbnormalOperation, EventPenalty} {
		out[k] = l.num("risk.credit_2022." + string(k))
	}
	return out
}
