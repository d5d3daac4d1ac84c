package risk

import (
	"fmt"
	"math"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// civilDay is the date of t in China, as midnight UTC of that date, so that days compare
// and add without a clock.
func civilDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.China).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// visit is one inspection done (监督检查) as the plan counts it: its civil day (civilDay)
// and whether it covered the whole checklist.
type visit struct {
	On   time.Time
	Full bool
}

// planInput is what the plan knows of one business: where it is, since when it operates,
// its grade in force (Grade "" when it has none yet) and its inspections up to the plan's day.
type planInput struct {
	BusinessID            int64
	Name                  string
	DistrictID, StationID int64
	Start                 time.Time // licence issued, else registered
	Scheme                SchemeName
	Grade                 Grade
	Priority              bool
	Visits                []visit
}

// PlanRow is the plan of one business for a year and its progress on the plan's day.
//
// Required is the least number of inspections the grade needs in the year: the minimum of
// its scheme's range (MinPerYear–MaxPerYear, both shown), rounded up; a frequency below one
// a year (the 2022 draft's A: once in 2 years, EveryYears 2) needs one inspection in a year
// unless there was one in the EveryYears−1 years before it. A business without a grade
// needs grading first (Required 0, Grade "").
//
// FullDue is the day by which an inspection covering the whole checklist is due (Order 49
// art. 22): the last one before the year plus the interval or, without one, the later of
// the rule's effective day and the business's start plus the interval. FullThisYear says
// the due day falls within the year (or before it).
//
// Expected is what the pace needs done by the plan's day: Required × the quarters of the
// year completed ÷ 4, rounded down. Behind is Expected − Done when positive; FullLateDays
// counts the days the full-checklist inspection is past due (0 when not). Owed is what the
// business owes now: its shortfall, or one when only its full-checklist inspection is late
// (one full inspection also counts towards the pace); a business that owes is overdue.
type PlanRow struct {
	BusinessID   int64      `json:"business_id"`
	Name         string     `json:"name"`
	DistrictID   int64      `json:"district_id"`
	StationID    int64      `json:"station_id"`
	Grade        Grade      `json:"grade,omitempty"`
	Scheme       SchemeName `json:"scheme,omitempty"`
	Required     int        `json:"required"`
	MinPerYear   float64    `json:"min_per_year"`
	MaxPerYear   float64    `json:"max_per_year"`
	EveryYears   int        `json:"every_years,omitempty"`
	Frequency    *Source    `json:"frequency,omitempty"`
	Priority     bool       `json:"priority"`
	FullDue      time.Time  `json:"full_checklist_due,omitzero"`
	FullThisYear bool       `json:"full_checklist_this_year"`
	Done         int        `json:"done"`
	FullDone     bool       `json:"full_checklist_done"`
	Expected     int        `json:"expected_by_now"`
	Behind       int        `json:"behind"`
	FullLateDays int        `json:"full_checklist_late_days"`
	Owed         int        `json:"owed"`
}

// Overdue reports whether the business is behind the pace or past its full-checklist due day.
func (r *PlanRow) Overdue() bool { return r.Owed > 0 }

// planYear is the year a plan covers, the plan's day its progress is judged on (Day: today, or
// the year's last day for a past year) and the day its rules and grades are taken on
// (RulesDay: Day, or the year's first day for a future year, so that next year's plan
// applies next year's rules to the grades computed so far).
type planYear struct {
	Year                 int
	First, Day, RulesDay time.Time // civil days
}

func newPlanYear(year int, now time.Time) planYear {
	first, last := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	y := planYear{Year: year, First: first, Day: civilDay(now)}
	if y.Day.After(last) {
		y.Day = last
	}
	y.RulesDay = y.Day
	if y.RulesDay.Before(first) {
		y.RulesDay = first
	}
	return y
}

// end is the first day after the year.
func (y planYear) end() time.Time { return y.First.AddDate(1, 0, 0) }

// quartersDone counts the quarters of the year whose last day is on or before the plan's day.
func (y planYear) quartersDone() int {
	n := 0
	for q := 1; q <= 4; q++ {
		if !y.Day.Before(time.Date(y.Year, time.Month(3*q+1), 0, 0, 0, 0, 0, time.UTC)) {
			n++
		}
	}
	return n
}

// planRow applies the planning rule to one business.
func (r *planRules) planRow(y planYear, in planInput) (PlanRow, error) {
	row := PlanRow{BusinessID: in.BusinessID, Name: in.Name, DistrictID: in.DistrictID, StationID: in.StationID,
		Grade: in.Grade, Scheme: in.Scheme, Priority: in.Priority}
	var lastFullBefore time.Time
	for _, v := range in.Visits {
		switch {
		case v.On.Before(y.First):
			if v.Full && v.On.After(lastFullBefore) {
				lastFullBefore = v.On
			}
		case !v.On.After(y.Day):
			row.Done++
			row.FullDone = row.FullDone || v.Full
		}
	}
	if in.Grade != "" {
		f, ok := r.frequency[in.Scheme][in.Grade]
		if !ok {
			return row, fmt.Errorf("plan business %d: grade %s under scheme %q has no frequency in force", in.BusinessID, in.Grade, in.Scheme)
		}
		row.MinPerYear, row.MaxPerYear, row.Frequency = f.Min, f.Max, f.Source
		row.Required, row.EveryYears = required(f.Min, y, in.Visits)
	}
	row.Expected = row.Required * y.quartersDone() / 4
	row.Behind = max(row.Expected-row.Done, 0)
	if r.fullYears != nil {
		years := int(r.fullYears.Value)
		due := lastFullBefore
		if due.IsZero() {
			due = civilDay(in.Start)
			if due.Before(r.fullFrom) {
				due = r.fullFrom
			}
		}
		due = due.AddDate(years, 0, 0)
		row.FullDue, row.FullThisYear = due, due.Before(y.end())
		if row.FullThisYear && !row.FullDone && due.Before(y.Day) {
			row.FullLateDays = int(y.Day.Sub(due).Hours() / 24)
		}
	}
	row.Owed = row.Behind
	if row.FullLateDays > 0 {
		row.Owed = max(row.Behind, 1)
	}
	return row, nil
}

// required is the least number of inspections in the year for a minimum of perYear a year,
// and, when that is below one, the years in which one inspection is due.
func required(perYear float64, y planYear, visits []visit) (n, everyYears int) {
	if perYear <= 0 || perYear >= 1 {
		return int(math.Ceil(max(perYear, 0))), 0
	}
	everyYears = int(math.Round(1 / perYear))
	since := y.First.AddDate(1-everyYears, 0, 0)
	for _, v := range visits {
		if !v.On.Before(since) && v.On.Before(y.First) {
			return 0, everyYears
		}
	}
	return 1, everyYears
}
