package risk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// SchemeName names a grading scheme version.
type SchemeName string

// The schemes: the 2016 trial measures (static 40 + dynamic 60) for every business, and the
// 2022 draft (static 40 + dynamic 40 + credit 20) for producers only.
const (
	Scheme2016      SchemeName = "2016"
	Scheme2022Draft SchemeName = "2022-draft"
)

// schemeKeys are the rule keys that differ between the schemes.
type schemeKeys struct {
	static, dynamic, credit, band, frequency string
	sectors                                  []Sector
}

var schemes = map[SchemeName]schemeKeys{
	Scheme2016: {"risk.score.static_max", "risk.score.dynamic_max", "", "risk.grade_band.",
		"risk.frequency_2016.", Sectors},
	Scheme2022Draft: {"risk.score_2022.static_max", "risk.score_2022.dynamic_max", "risk.score_2022.credit_max",
		"risk.grade_band_2022.", "risk.frequency_2022.", []Sector{SectorProduction, SectorHealthFood}},
}

// Lookup reads rules as they apply on a day; *rules.Book is one.
type Lookup interface {
	Float(ctx context.Context, key string, at time.Time) (float64, rules.Effective, error)
	Numbers(ctx context.Context, key string, at time.Time) ([]float64, rules.Effective, error)
	Table(ctx context.Context, key string, at time.Time) (rules.StepTable, rules.Effective, error)
}

// Scheme is a grading scheme with every number resolved from the rule book on one day, so
// that grading a million businesses reads the rules once.
type Scheme struct {
	Name    SchemeName
	At      time.Time
	Sectors []Sector

	StaticMax, DynamicMax, CreditMax param // CreditMax is zero without a credit part
	Bands                            [3]param
	Frequency                        map[Grade]frequency
	FullChecklistYears               *param // nil before Order 49 took effect
	PublicityYears                   param  // how long a penalty counts for credit, with Credit

	Sales            map[string]table
	CateringFormats  map[string]table
	CateringClasses  map[string]param
	HealthOptions    map[string]param // "material.extract", "formula.simple", …
	HealthUnsuitable table
	ProductionPoints map[string]param // by licence category

	LookbackMonths param
	Dynamic        map[string]param // inspection_basic, inspection_noncompliant, sampling_failure, penalty, complaint
	Credit         map[EventKind]param
	Raise          map[EventKind]param
	CleanYears     param
	DowngradeSteps param
}

// frequency is the inspections a year a grade needs: at least Min, at most Max (Max = Min
// when the rule gives a minimum only).
type frequency struct {
	Min, Max float64
	*Source
}

// ErrUnknownScheme is wrapped when a scheme name is not one of the schemes.
var ErrUnknownScheme = errors.New("unknown risk grading scheme")

// LoadScheme resolves scheme name from the rules in force at t.
func LoadScheme(ctx context.Context, book Lookup, name SchemeName, at time.Time) (*Scheme, error) {
	keys, ok := schemes[name]
	if !ok {
		return nil, fmt.Errorf("load scheme %q: %w", name, ErrUnknownScheme)
	}
	l := &loader{ctx: ctx, book: book, at: at}
	s := &Scheme{Name: name, At: at, Sectors: keys.sectors,
		StaticMax: l.num(keys.static), DynamicMax: l.num(keys.dynamic),
		Frequency: map[Grade]frequency{}}
	if keys.credit != "" {
		s.CreditMax = l.num(keys.credit)
		s.Credit = l.credit()
		s.PublicityYears = l.num("penalty.publicity_years_other")
	}
	for i, g := range []string{"a", "b", "c"} {
		s.Bands[i] = l.num(keys.band + g + "_max")
	}
	for _, g := range Grades {
		s.Frequency[g] = l.frequency(keys.frequency + string(g))
	}
	s.FullChecklistYears = l.optional("inspect.full_checklist_interval_years")
	l.static(s)
	l.record(s)
	if err := errors.Join(l.errs...); err != nil {
		return nil, fmt.Errorf("load scheme %s on %s: %w", name, rules.DateOf(at), err)
	}
	return s, nil
}

// covers reports whether the scheme grades businesses of sector.
func (s *Scheme) covers(sector Sector) bool { return slices.Contains(s.Sectors, sector) }
