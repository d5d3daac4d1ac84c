package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
)

//go:embed defaults.json
var defaultsJSON []byte

// fileSet is a set as written in defaults.json: its rules inherit the set's basis,
// confidence and effective_from where they leave them out.
type fileSet struct {
	Set
	Basis         Basis      `json:"basis"`
	Confidence    Confidence `json:"confidence"`
	EffectiveFrom Date       `json:"effective_from"`
	Rules         []Rule     `json:"rules"`
	// Ascending lists groups of keys of this set whose values must rise strictly in the
	// order given, such as the upper bounds of grades A, B and C.
	Ascending [][]string `json:"ascending,omitempty"`
}

// catalog is a parsed, validated rules file.
type catalog struct {
	sets  []Set
	rules []Rule           // in file order
	byKey map[string][]int // indexes into rules, by key
	// ascending are the groups of keys whose values rise strictly, by each member key.
	ascending map[string][]string
}

var defaults = sync.OnceValues(func() (*catalog, error) { return parseCatalog(defaultsJSON) })

// parseCatalog reads and validates a rules file, reporting every problem at once.
func parseCatalog(data []byte) (*catalog, error) {
	var file struct {
		Sets []fileSet `json:"sets"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("parse rules file: %w", err)
	}
	cat := &catalog{byKey: map[string][]int{}, ascending: map[string][]string{}}
	var errs []error
	seen := map[string]bool{}
	for _, fs := range file.Sets {
		if err := fs.validate(seen); err != nil {
			errs = append(errs, err)
		}
		cat.sets = append(cat.sets, fs.Set)
		for _, r := range fs.Rules {
			r, err := fs.inherit(r).validate()
			if err != nil {
				errs = append(errs, fmt.Errorf("set %s rule %s: %w", r.SetRef(), r.Key, err))
			}
			cat.byKey[r.Key] = append(cat.byKey[r.Key], len(cat.rules))
			cat.rules = append(cat.rules, r)
		}
		errs = append(errs, cat.addAscending(fs)...)
	}
	errs = append(errs, cat.checkOverlaps()...)
	return cat, errors.Join(errs...)
}

func (fs fileSet) validate(seen map[string]bool) error {
	ref := Rule{Set: fs.Name, Version: fs.Version}.SetRef()
	switch {
	case !setName.MatchString(fs.Name) || fs.Version < 1:
		return fmt.Errorf("set %q: needs a lower-case name and a version ≥ 1", ref)
	case seen[ref]:
		return fmt.Errorf("set %s: defined twice", ref)
	case fs.Title.ZH == "" || fs.Title.EN == "":
		return fmt.Errorf("set %s: needs a title in zh and en", ref)
	case len(fs.Rules) == 0:
		return fmt.Errorf("set %s: has no rules", ref)
	}
	seen[ref] = true
	return nil
}

// inherit fills in what a rule takes from its set.
func (fs fileSet) inherit(r Rule) Rule {
	r.Set, r.Version, r.Draft = fs.Name, fs.Version, fs.Draft
	r.Basis.Statute = or(r.Basis.Statute, fs.Basis.Statute)
	r.Basis.Article = or(r.Basis.Article, fs.Basis.Article)
	r.Basis.Note = or(r.Basis.Note, fs.Basis.Note)
	r.Basis.Source = or(r.Basis.Source, fs.Basis.Source)
	r.Confidence = or(r.Confidence, fs.Confidence)
	r.EffectiveFrom = or(r.EffectiveFrom, fs.EffectiveFrom)
	return r
}

func or[T comparable](v, fallback T) T {
	var zero T
	if v == zero {
		return fallback
	}
	return v
}

// checkOverlaps makes sure that at most one definition of a key is in force on any day.
func (c *catalog) checkOverlaps() []error {
	var errs []error
	for key, idx := range c.byKey {
		defs := make([]Rule, len(idx))
		for i, j := range idx {
			defs[i] = c.rules[j]
		}
		sort.Slice(defs, func(i, j int) bool { return defs[i].EffectiveFrom.Before(defs[j].EffectiveFrom) })
		for i := 1; i < len(defs); i++ {
			if prev := defs[i-1]; prev.EffectiveTo == nil || !prev.EffectiveTo.Before(defs[i].EffectiveFrom) {
				errs = append(errs, fmt.Errorf("rule %s: %s and %s are in force on the same days", key, prev.SetRef(), defs[i].SetRef()))
			}
		}
	}
	return errs
}
