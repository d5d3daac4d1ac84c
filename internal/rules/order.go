package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// addAscending records the ascending groups of a set after checking that each names
// numeric rules of that set whose defaults already rise.
func (c *catalog) addAscending(fs fileSet) []error {
	var errs []error
	for _, group := range fs.Ascending {
		values := make([]float64, len(group))
		for i, key := range group {
			r, ok := c.inSet(key, fs.Set)
			if !ok || r.Type != Integer && r.Type != Number {
				errs = append(errs, fmt.Errorf("set %s ascending: %s is no number rule of the set", fs.Name, key))
				continue
			}
			values[i] = numberOf(r.Default)
			if i > 0 && values[i] <= values[i-1] {
				errs = append(errs, fmt.Errorf("set %s ascending: default of %s is not above %s", fs.Name, key, group[i-1]))
			}
			c.ascending[key] = group
		}
	}
	return errs
}

// inSet finds the definition of key in set version s.
func (c *catalog) inSet(key string, s Set) (Rule, bool) {
	for _, i := range c.byKey[key] {
		if r := c.rules[i]; r.Set == s.Name && r.Version == s.Version {
			return r, true
		}
	}
	return Rule{}, false
}

// checkOrder refuses a value v of r that would put r out of order with its neighbours in
// its ascending group, as in force at t (an A bound above the B bound makes grades
// meaningless). The error names the neighbour and its value.
func (b *Book) checkOrder(ctx context.Context, q querier, r Rule, v json.RawMessage, at time.Time) error {
	group := b.cat.ascending[r.Key]
	i := slices.Index(group, r.Key)
	if i < 0 {
		return nil
	}
	value := numberOf(v)
	if i > 0 {
		lower, lv, err := b.valueAt(ctx, q, group[i-1], at)
		if err != nil {
			return err
		}
		if value <= lv {
			return orderError("rule_order_above", lower, lv)
		}
	}
	if i+1 < len(group) {
		upper, uv, err := b.valueAt(ctx, q, group[i+1], at)
		if err != nil {
			return err
		}
		if value >= uv {
			return orderError("rule_order_below", upper, uv)
		}
	}
	return nil
}

// valueAt reads the number in force for key at t, overrides included.
func (b *Book) valueAt(ctx context.Context, q querier, key string, at time.Time) (string, float64, error) {
	r, err := b.definition(key, at)
	if err != nil {
		return key, 0, err
	}
	changes, err := changesOf(ctx, q, r)
	if err != nil {
		return key, 0, err
	}
	return key, numberOf(effective(r, latest(changes, at)).Value), nil
}

func orderError(rule, other string, value float64) error {
	var c apperr.Collector
	c.Add(ValueField, rule, map[string]any{"other": other, "value": formatNumber(value)})
	return c.Err()
}

// numberOf reads a canonical JSON number; values were checked before they got here.
func numberOf(v json.RawMessage) float64 {
	var f float64
	_ = json.Unmarshal(v, &f)
	return f
}
