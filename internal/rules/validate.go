package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
)

var (
	setName    = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$`)
)

// units are the known units; each has a translation "rules.unit.<unit>". "" is for text.
var units = []string{"", "working_days", "days", "hours", "months", "years", "points", "per_year", "percent", "people", "items", "yuan", "times"}

// validate checks one definition of the rules file and returns it with its default in
// canonical JSON.
func (r Rule) validate() (Rule, error) {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if !keyPattern.MatchString(r.Key) {
		bad("key %q: want dotted words such as risk.grade_band.a_max", r.Key)
	}
	if err := r.validateType(); err != nil {
		errs = append(errs, err)
	}
	if !slices.Contains(units, r.Unit) {
		bad("unit %q is not one of %q", r.Unit, units)
	}
	if r.Description.ZH == "" || r.Description.EN == "" {
		bad("description needs zh and en")
	}
	if r.Basis.Statute.ZH == "" || r.Basis.Source == "" {
		bad("basis needs a statute and a source")
	}
	if r.Confidence != Verified && r.Confidence != Secondary && r.Confidence != Unverified {
		bad("confidence %q is not verified, secondary or unverified", r.Confidence)
	}
	if r.EffectiveFrom.IsZero() || r.EffectiveTo != nil && r.EffectiveTo.Before(r.EffectiveFrom) {
		bad("effective_from must be set and not after effective_to")
	}
	if r.Min != nil && r.Max != nil && *r.Max < *r.Min {
		bad("max %v is below min %v", *r.Max, *r.Min)
	}
	if v, err := r.Check(r.Default); err != nil {
		bad("default %s: %w", r.Default, err)
	} else {
		r.Default = v
	}
	return r, errors.Join(errs...)
}

func (r Rule) validateType() error {
	numeric := r.Items == Integer || r.Items == Number
	switch {
	case r.Type == List && !numeric && r.Items != String:
		return fmt.Errorf("list items %q must be integer, number or text", r.Items)
	case r.Type == List && (r.Range || r.Steps) && !numeric:
		return fmt.Errorf("a range or a step table needs integer or number items")
	case r.Range && r.Steps:
		return fmt.Errorf("a list is a range or a step table, not both")
	case r.Type == List:
		return nil
	case r.Type != Integer && r.Type != Number && r.Type != String:
		return fmt.Errorf("type %q must be integer, number, text or list", r.Type)
	case r.Items != "" || r.Range || r.Steps:
		return fmt.Errorf("items, range and steps belong to lists only")
	}
	return nil
}
