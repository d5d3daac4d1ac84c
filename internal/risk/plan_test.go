package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

func TestPlanFrequencyByGrade(t *testing.T) {
	tests := []struct {
		scheme   SchemeName
		grade    Grade
		min, max float64
	}{
		{Scheme2016, GradeA, 1, 1}, {Scheme2016, GradeB, 1, 2}, {Scheme2016, GradeC, 2, 3}, {Scheme2016, GradeD, 3, 4},
		{Scheme2022Draft, GradeA, 0.5, 0.5}, {Scheme2022Draft, GradeB, 1, 1}, {Scheme2022Draft, GradeC, 2, 2}, {Scheme2022Draft, GradeD, 3, 3},
	}
	for _, tt := range tests {
		p := mustScheme(t, tt.scheme).plan(tt.grade, producer("candy"), nil)
		if p.MinInspections != tt.min || p.MaxInspections != tt.max || p.Frequency.Key == "" {
			t.Errorf("%s %s: %v–%v (%s), want %v–%v", tt.scheme, tt.grade, p.MinInspections, p.MaxInspections, p.Frequency.Key, tt.min, tt.max)
		}
	}
}

// TestFullChecklistEveryTwoYears: Order 49 art. 22 — an inspection of every checklist item
// at least once in two years, due now when there never was one.
func TestFullChecklistEveryTwoYears(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	full := func(days int) Event {
		return Event{Kind: EventInspection, Result: ResultCompliant, FullChecklist: true, On: daysAgo(days)}
	}
	partial := Event{Kind: EventInspection, Result: ResultCompliant, On: daysAgo(10)}
	tests := []struct {
		name     string
		record   []Event
		due      time.Time
		nextYear bool
	}{
		{"never inspected in full: due now", []Event{partial}, gradingDay, true},
		{"full inspection 3 months ago", []Event{full(90), partial}, daysAgo(90).AddDate(2, 0, 0), false},
		{"full inspection 13 months ago", []Event{full(395)}, daysAgo(395).AddDate(2, 0, 0), true},
	}
	for _, tt := range tests {
		p := s.plan(GradeA, producer("candy"), tt.record)
		if p.FullChecklist == nil || !p.FullChecklist.Equal(tt.due) || p.FullNextYear != tt.nextYear ||
			p.FullSource == nil || p.FullSource.Key != "inspect.full_checklist_interval_years" || p.FullSource.Confidence != "[V]" {
			t.Errorf("%s: due %v next year %v (%+v), want %v %v", tt.name, p.FullChecklist, p.FullNextYear, p.FullSource, tt.due, tt.nextYear)
		}
	}
	book, _ := rules.Defaults()
	before, err := LoadScheme(context.Background(), book, Scheme2016, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if p := before.plan(GradeA, producer("candy"), nil); p.FullChecklist != nil {
		t.Errorf("before Order 49 took effect no full inspection is due: %v", p.FullChecklist)
	}
}

func TestPriorityTargets(t *testing.T) {
	shop := StaticFactors{Sector: SectorSales}
	tests := []struct {
		name    string
		grade   Grade
		factors StaticFactors
		want    bool
	}{
		{"special food producer", GradeA, StaticFactors{Sector: SectorHealthFood}, true},
		{"infant formula maker", GradeA, producer("infant_formula"), true},
		{"producer graded C", GradeC, producer("candy"), true},
		{"producer graded B", GradeB, producer("candy"), false},
		{"shop graded C", GradeC, shop, false},
		{"shop graded D", GradeD, shop, true},
		{"group meals", GradeA, StaticFactors{Sector: SectorCatering, CateringFormat: FormatGroupMeal}, true},
		{"restaurant", GradeB, StaticFactors{Sector: SectorCatering, CateringFormat: FormatRestaurant}, false},
	}
	for _, tt := range tests {
		if got := priority(tt.grade, tt.factors); got != tt.want {
			t.Errorf("%s: priority %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLoadSchemeRefusesWhatIsNotInForce(t *testing.T) {
	book, _ := rules.Defaults()
	if _, err := LoadScheme(context.Background(), book, Scheme2022Draft, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("the 2022 draft loaded for a day before it was published")
	}
	if _, err := LoadScheme(context.Background(), book, "1999", gradingDay); err == nil {
		t.Error("an unknown scheme loaded")
	}
}
