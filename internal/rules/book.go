package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// Errors a lookup wraps, inside an apperr.Error of code NotFound (ErrUnknown,
// ErrNotInForce) or Internal (ErrWrongType: a caller asked for the wrong Go type).
var (
	ErrUnknown    = errors.New("unknown rule")
	ErrNotInForce = errors.New("rule not in force")
	ErrWrongType  = errors.New("rule has another type")
)

// Book is the rule book (规则库) of the city: the embedded defaults plus the city's
// overrides. Overrides are read from the database on every lookup, so an override is seen at
// once by every process that shares the database. A Book is safe for concurrent use.
type Book struct {
	st  *store.Store
	cat *catalog
}

// New loads and validates the embedded defaults; overrides are read from st.
func New(st *store.Store) (*Book, error) {
	cat, err := defaults()
	if err != nil {
		return nil, fmt.Errorf("rules: embedded defaults: %w", err)
	}
	return &Book{st: st, cat: cat}, nil
}

// Defaults returns the book of the embedded defaults alone, without any city's overrides:
// for pure computations in tests and for tools that run without a database. Only lookups
// (Get and the typed getters) work on it.
func Defaults() (*Book, error) { return New(nil) }

// Sets lists the rule sets in the order of the defaults file.
func (b *Book) Sets() []Set { return slices.Clone(b.cat.sets) }

// Definitions lists every definition of key in every set version, in force or not.
func (b *Book) Definitions(key string) []Rule {
	var out []Rule
	for _, i := range b.cat.byKey[key] {
		out = append(out, b.cat.rules[i])
	}
	return out
}

// Get returns the rule key as it applies at t: the definition in force that day and the
// city's latest override of it made up to t.
func (b *Book) Get(ctx context.Context, key string, at time.Time) (Effective, error) {
	r, err := b.definition(key, at)
	if err != nil {
		return Effective{}, err
	}
	if b.st == nil {
		return effective(r, nil), nil
	}
	changes, err := changesOf(ctx, b.st.ReadDB(), r)
	if err != nil {
		return Effective{}, err
	}
	return effective(r, latest(changes, at)), nil
}

// InForce lists every rule in force at t, in the order of the defaults file, with its source
// and whether the city has overridden it.
func (b *Book) InForce(ctx context.Context, at time.Time) ([]Effective, error) {
	all, err := listChanges(ctx, b.st.ReadDB(), "", nil)
	if err != nil {
		return nil, err
	}
	byDefinition := map[string][]Change{}
	for _, c := range all {
		ref := Rule{Key: c.Key, Set: c.Set, Version: c.Version}.ref()
		byDefinition[ref] = append(byDefinition[ref], c)
	}
	var out []Effective
	for _, r := range b.cat.rules {
		if r.InForce(at) {
			out = append(out, effective(r, latest(byDefinition[r.ref()], at)))
		}
	}
	return out, nil
}

// definition returns the definition of key in force at t.
func (b *Book) definition(key string, at time.Time) (Rule, error) {
	idx, ok := b.cat.byKey[key]
	if !ok {
		return Rule{}, notFound("rules.unknown", key, at, ErrUnknown)
	}
	for _, i := range idx {
		if r := b.cat.rules[i]; r.InForce(at) {
			return r, nil
		}
	}
	return Rule{}, notFound("rules.not_in_force", key, at, ErrNotInForce)
}

func notFound(msg, key string, at time.Time, cause error) error {
	return &apperr.Error{
		Code: apperr.NotFound, Key: msg,
		Params: map[string]any{"key": key, "date": DateOf(at).String()},
		Err:    fmt.Errorf("rule %s on %s: %w", key, DateOf(at), cause),
	}
}

// ref identifies one definition: key in one set version.
func (r Rule) ref() string { return r.SetRef() + ":" + r.Key }
