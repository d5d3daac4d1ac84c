package risk

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// PlanUnit is the org unit a plan is drawn up for.
type PlanUnit struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
	Path string `json:"-"`
}

// PlanTally counts a plan over a set of businesses, as a line of the bureau's planning
// sheet: businesses by grade, inspections required (the least, and the most the ranges
// allow), priority targets, full-checklist inspections due, and progress on the plan's day.
type PlanTally struct {
	Businesses   int `json:"businesses"`
	A            int `json:"a"`
	B            int `json:"b"`
	C            int `json:"c"`
	D            int `json:"d"`
	Ungraded     int `json:"ungraded"`
	Required     int `json:"required"`
	RequiredMax  int `json:"required_max"`
	Priority     int `json:"priority"`
	FullThisYear int `json:"full_checklist_this_year"`
	Done         int `json:"done"`
	FullDone     int `json:"full_checklist_done"`
	Overdue      int `json:"overdue"`
}

// PlanArea is the tally of one district or station.
type PlanArea struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	PlanTally
}

// PlanHeading says what a plan or overdue list is of: the unit, the year, the day progress
// is judged on (today, or the last day of a past year) and the rule versions applied.
type PlanHeading struct {
	Unit     PlanUnit  `json:"unit"`
	Year     int       `json:"year"`
	Day      time.Time `json:"as_of"`
	RuleRefs []string  `json:"rule_refs"`
}

// AnnualPlan is the annual supervision plan (年度监督检查计划) of an org unit for a year,
// derived from the grades in force and the rules of Order 49: totals, per district and per
// station below the unit, and the businesses themselves for a station or a grid.
type AnnualPlan struct {
	PlanHeading
	Total      PlanTally  `json:"total"`
	Districts  []PlanArea `json:"districts,omitempty"`
	Stations   []PlanArea `json:"stations,omitempty"`
	Businesses []PlanRow  `json:"businesses,omitempty"`
}

// planBuilder adds businesses to a plan one at a time, so that a city's plan needs memory
// for its tallies, not for a million rows: keep says which rows to keep.
type planBuilder struct {
	rules      *planRules
	year       planYear
	keep       func(*PlanRow) bool
	plan       *AnnualPlan
	byDistrict map[int64]*PlanTally
	byStation  map[int64]*PlanTally
}

func newPlanBuilder(r *planRules, y planYear, unit PlanUnit, keep func(*PlanRow) bool) *planBuilder {
	return &planBuilder{rules: r, year: y, keep: keep,
		plan:       &AnnualPlan{PlanHeading: PlanHeading{Unit: unit, Year: y.Year, Day: y.Day, RuleRefs: r.refs()}},
		byDistrict: map[int64]*PlanTally{}, byStation: map[int64]*PlanTally{}}
}

func (b *planBuilder) add(in planInput) error {
	row, err := b.rules.planRow(b.year, in)
	if err != nil {
		return err
	}
	for _, t := range []*PlanTally{&b.plan.Total, areaTally(b.byDistrict, row.DistrictID), areaTally(b.byStation, row.StationID)} {
		t.add(&row)
	}
	if b.keep(&row) {
		b.plan.Businesses = append(b.plan.Businesses, row)
	}
	return nil
}

func areaTally(m map[int64]*PlanTally, id int64) *PlanTally {
	t := m[id]
	if t == nil {
		t = &PlanTally{}
		m[id] = t
	}
	return t
}

func (t *PlanTally) add(r *PlanRow) {
	t.Businesses++
	switch r.Grade {
	case GradeA:
		t.A++
	case GradeB:
		t.B++
	case GradeC:
		t.C++
	case GradeD:
		t.D++
	default:
		t.Ungraded++
	}
	t.Required += r.Required
	t.RequiredMax += r.Required
	if r.EveryYears == 0 {
		t.RequiredMax += int(math.Ceil(r.MaxPerYear)) - r.Required
	}
	t.Done += r.Done
	t.Priority += boolInt(r.Priority)
	t.FullThisYear += boolInt(r.FullThisYear)
	t.FullDone += boolInt(r.FullThisYear && r.FullDone)
	t.Overdue += boolInt(r.Overdue())
}

// finish lays out the areas below the unit, named by names (id → name), in name order: the
// districts of a city and the stations of a city or district.
func (b *planBuilder) finish(names map[int64]string) *AnnualPlan {
	areas := func(m map[int64]*PlanTally) []PlanArea {
		out := make([]PlanArea, 0, len(m))
		for id, t := range m {
			out = append(out, PlanArea{ID: id, Name: names[id], PlanTally: *t})
		}
		slices.SortFunc(out, func(a, b PlanArea) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
		return out
	}
	switch b.plan.Unit.Kind {
	case "city":
		b.plan.Districts, b.plan.Stations = areas(b.byDistrict), areas(b.byStation)
	case "district":
		b.plan.Stations = areas(b.byStation)
	}
	return b.plan
}

// byUrgency orders overdue rows most urgent first: most inspections owed, then longest
// past the full-checklist due day, then the higher grade, priority targets, and id.
func byUrgency(a, b PlanRow) int {
	return cmp.Or(cmp.Compare(b.Owed, a.Owed), cmp.Compare(b.FullLateDays, a.FullLateDays),
		cmp.Compare(b.Grade.level(), a.Grade.level()), cmp.Compare(boolInt(b.Priority), boolInt(a.Priority)),
		cmp.Compare(a.BusinessID, b.BusinessID))
}
