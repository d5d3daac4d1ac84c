package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// day is midnight UTC of a date written "2006-01-02", as imported events are stored.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// noonCST is noon in Beijing on date s: "now" for a plan.
func noonCST(tb testing.TB, s string) time.Time { return day(tb, s).Add(4 * time.Hour) }

func mustPlanRules(tb testing.TB, at time.Time) *planRules {
	tb.Helper()
	book, err := rules.Defaults()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := loadPlanRules(context.Background(), book, at)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// TestPlanRequiredByGradeAndScheme: the least inspections of the frequency rule, with its
// range; the 2022 draft's A once in two years.
func TestPlanRequiredByGradeAndScheme(t *testing.T) {
	y := newPlanYear(2026, noonCST(t, "2026-06-01"))
	r := mustPlanRules(t, y.RulesDay)
	lastYear := []visit{{On: day(t, "2025-11-30")}}
	twoYearsAgo := []visit{{On: day(t, "2024-12-31")}}
	tests := []struct {
		scheme              SchemeName
		grade               Grade
		visits              []visit
		required, every     int
		minYear, maxPerYear float64
	}{
		{Scheme2016, GradeA, nil, 1, 0, 1, 1},
		{Scheme2016, GradeB, nil, 1, 0, 1, 2},
		{Scheme2016, GradeC, nil, 2, 0, 2, 3},
		{Scheme2016, GradeD, nil, 3, 0, 3, 4},
		{Scheme2016, GradeA, lastYear, 1, 0, 1, 1},
		{Scheme2022Draft, GradeA, nil, 1, 2, 0.5, 0.5},
		{Scheme2022Draft, GradeA, lastYear, 0, 2, 0.5, 0.5},
		{Scheme2022Draft, GradeA, twoYearsAgo, 1, 2, 0.5, 0.5},
		{Scheme2022Draft, GradeB, lastYear, 1, 0, 1, 1},
		{Scheme2022Draft, GradeC, nil, 2, 0, 2, 2},
		{Scheme2022Draft, GradeD, nil, 3, 0, 3, 3},
	}
	for _, tt := range tests {
		row, err := r.planRow(y, planInput{BusinessID: 1, Scheme: tt.scheme, Grade: tt.grade, Start: day(t, "2020-01-01"), Visits: tt.visits})
		if err != nil {
			t.Fatal(err)
		}
		if row.Required != tt.required || row.EveryYears != tt.every || row.MinPerYear != tt.minYear ||
			row.MaxPerYear != tt.maxPerYear || row.Frequency == nil || row.Frequency.Ref == "" {
			t.Errorf("%s %s %d visits: required %d every %d range %v–%v (%+v), want %d %d %v–%v", tt.scheme, tt.grade, len(tt.visits),
				row.Required, row.EveryYears, row.MinPerYear, row.MaxPerYear, row.Frequency, tt.required, tt.every, tt.minYear, tt.maxPerYear)
		}
	}
	if row, err := r.planRow(y, planInput{BusinessID: 2, Start: day(t, "2020-01-01")}); err != nil || row.Required != 0 || row.Frequency != nil {
		t.Errorf("ungraded: %+v %v, want nothing required until graded", row, err)
	}
}

// TestPlanFullChecklistTwoYearRule: Order 49 art. 22 at its boundaries, for the year
// (due by 31 December) and for the plan's day (past due the day after the due day).
func TestPlanFullChecklistTwoYearRule(t *testing.T) {
	y := newPlanYear(2026, noonCST(t, "2026-06-01"))
	r := mustPlanRules(t, y.RulesDay)
	full := func(s string) []visit { return []visit{{On: day(t, s), Full: true}} }
	tests := []struct {
		name     string
		start    string
		visits   []visit
		due      string
		thisYear bool
		late     int
	}{
		{"exactly 2 years before the year's last day", "2020-01-01", full("2024-12-31"), "2026-12-31", true, 0},
		{"a day less than 2 years before the year's end", "2020-01-01", full("2025-01-01"), "2027-01-01", false, 0},
		{"exactly 2 years before the plan's day", "2020-01-01", full("2024-06-01"), "2026-06-01", true, 0},
		{"2 years and a day before the plan's day", "2020-01-01", full("2024-05-31"), "2026-05-31", true, 1},
		{"a day less than 2 years before the plan's day", "2020-01-01", full("2024-06-02"), "2026-06-02", true, 0},
		{"never, operating before Order 49", "2020-01-01", nil, "2024-03-15", true, 808},
		{"never, opened in 2025", "2025-03-01", nil, "2027-03-01", false, 0},
		{"a partial inspection does not count", "2020-01-01", []visit{{On: day(t, "2025-05-01")}}, "2024-03-15", true, 808},
		{"done this year", "2020-01-01", append(full("2023-01-01"), visit{On: day(t, "2026-02-01"), Full: true}), "2025-01-01", true, 0},
	}
	for _, tt := range tests {
		row, err := r.planRow(y, planInput{BusinessID: 1, Scheme: Scheme2016, Grade: GradeB, Start: day(t, tt.start), Visits: tt.visits})
		if err != nil {
			t.Fatal(err)
		}
		if !row.FullDue.Equal(day(t, tt.due)) || row.FullThisYear != tt.thisYear || row.FullLateDays != tt.late {
			t.Errorf("%s: due %v this year %v late %d, want %s %v %d", tt.name, row.FullDue, row.FullThisYear, row.FullLateDays, tt.due, tt.thisYear, tt.late)
		}
	}
	before := newPlanYear(2021, noonCST(t, "2021-06-01"))
	if row, _ := mustPlanRules(t, before.RulesDay).planRow(before, planInput{Scheme: Scheme2016, Grade: GradeA, Start: day(t, "2020-01-01")}); !row.FullDue.IsZero() || row.FullLateDays != 0 {
		t.Errorf("before Order 49 no full inspection is due: %+v", row)
	}
}

// TestPlanPace: what must be done by the plan's day is the required number times the
// quarters completed over four, rounded down.
func TestPlanPace(t *testing.T) {
	tests := []struct {
		today    string
		quarters int
		grade    Grade
		done     []string
		expected int
		behind   int
	}{
		{"2026-01-01", 0, GradeD, nil, 0, 0},
		{"2026-03-30", 0, GradeD, nil, 0, 0},
		{"2026-03-31", 1, GradeD, nil, 0, 0},
		{"2026-06-30", 2, GradeD, nil, 1, 1},
		{"2026-06-30", 2, GradeD, []string{"2026-04-01"}, 1, 0},
		{"2026-09-30", 3, GradeD, []string{"2026-04-01"}, 2, 1},
		{"2026-12-30", 3, GradeA, nil, 0, 0},
		{"2026-12-31", 4, GradeA, nil, 1, 1},
		{"2027-05-01", 4, GradeC, []string{"2025-12-31", "2026-12-31", "2027-01-01"}, 2, 1}, // a past year
	}
	for _, tt := range tests {
		y := newPlanYear(2026, noonCST(t, tt.today))
		var visits []visit
		for _, s := range tt.done {
			visits = append(visits, visit{On: day(t, s), Full: true})
		}
		row, err := mustPlanRules(t, y.RulesDay).planRow(y, planInput{Scheme: Scheme2016, Grade: tt.grade, Start: day(t, "2026-01-01"), Visits: visits})
		if err != nil {
			t.Fatal(err)
		}
		if q := y.quartersDone(); q != tt.quarters || row.Expected != tt.expected || row.Behind != tt.behind {
			t.Errorf("%s grade %s done %v: quarters %d expected %d behind %d, want %d %d %d", tt.today, tt.grade, tt.done,
				q, row.Expected, row.Behind, tt.quarters, tt.expected, tt.behind)
		}
	}
}
