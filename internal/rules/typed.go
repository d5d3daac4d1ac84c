package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Int returns the integer rule key in force at t, with where it came from.
func (b *Book) Int(ctx context.Context, key string, at time.Time) (int, Effective, error) {
	return get[int](ctx, b, key, at, func(r Rule) bool { return r.Type == Integer })
}

// Float returns the integer or number rule key in force at t.
func (b *Book) Float(ctx context.Context, key string, at time.Time) (float64, Effective, error) {
	return get[float64](ctx, b, key, at, func(r Rule) bool { return r.Type == Integer || r.Type == Number })
}

// Text returns the text rule key in force at t.
func (b *Book) Text(ctx context.Context, key string, at time.Time) (string, Effective, error) {
	return get[string](ctx, b, key, at, func(r Rule) bool { return r.Type == String })
}

// Numbers returns the list of numbers key in force at t; a range is [min] or [min, max].
func (b *Book) Numbers(ctx context.Context, key string, at time.Time) ([]float64, Effective, error) {
	return get[[]float64](ctx, b, key, at, func(r Rule) bool {
		return r.Type == List && (r.Items == Integer || r.Items == Number)
	})
}

// Table returns the step table key in force at t.
func (b *Book) Table(ctx context.Context, key string, at time.Time) (StepTable, Effective, error) {
	list, e, err := get[[]float64](ctx, b, key, at, func(r Rule) bool { return r.Steps })
	if err != nil {
		return StepTable{}, e, err
	}
	t, ok := ParseSteps(list)
	if !ok {
		return t, e, fmt.Errorf("rule %s value %s is no step table: %w", key, e.Value, ErrWrongType)
	}
	return t, e, nil
}

// Texts returns the list of texts key in force at t.
func (b *Book) Texts(ctx context.Context, key string, at time.Time) ([]string, Effective, error) {
	return get[[]string](ctx, b, key, at, func(r Rule) bool { return r.Type == List && r.Items == String })
}

func get[T any](ctx context.Context, b *Book, key string, at time.Time, fits func(Rule) bool) (T, Effective, error) {
	var v T
	e, err := b.Get(ctx, key, at)
	if err != nil {
		return v, e, err
	}
	if !fits(e.Rule) {
		return v, e, fmt.Errorf("rule %s holds %s %s, asked for %T: %w", key, e.Type, e.Items, v, ErrWrongType)
	}
	if err := json.Unmarshal(e.Value, &v); err != nil {
		return v, e, fmt.Errorf("rule %s value %s: %w", key, e.Value, err)
	}
	return v, e, nil
}
