package risk

import (
	"slices"
	"time"
)

// priorityBasis is the source of the priority-target rule, a classification rather than a
// number, so it lives here rather than in the rule book.
var priorityBasis = &Source{Key: "inspect.priority_targets", Ref: "order-49",
	Basis: "食品生产经营监督检查管理办法（国家市场监督管理总局令第49号） 第二十二条", Confidence: "[V]"}

// plan derives next year's inspections from the grade, the date the whole checklist was
// last covered and the sector (Order 49 art. 22).
func (s *Scheme) plan(g Grade, f StaticFactors, events []Event) Plan {
	freq := s.Frequency[g]
	p := Plan{MinInspections: freq.Min, MaxInspections: freq.Max, Frequency: freq.Source,
		Priority: priority(g, f), PrioritySource: priorityBasis}
	if s.FullChecklistYears != nil {
		due := s.At
		if last, ok := lastFullChecklist(events, s.At); ok {
			due = last.AddDate(int(s.FullChecklistYears.Value), 0, 0)
		}
		p.FullChecklist, p.FullSource = &due, s.FullChecklistYears.Source
		p.FullNextYear = !due.After(s.At.AddDate(1, 0, 0))
	}
	return p
}

func lastFullChecklist(events []Event, at time.Time) (time.Time, bool) {
	var last time.Time
	for _, e := range events {
		if e.Kind == EventInspection && e.FullChecklist && !e.On.After(at) && e.On.After(last) {
			last = e.On
		}
	}
	return last, !last.IsZero()
}

// priority reports a priority inspection target (重点监督检查): special-food producers,
// producers graded C or D, any business graded D, central kitchens and group-meal
// distributors.
func priority(g Grade, f StaticFactors) bool {
	producer := f.Sector == SectorProduction || f.Sector == SectorHealthFood
	special := f.Sector == SectorHealthFood || slices.ContainsFunc(f.ProductCategories, func(c string) bool {
		return slices.Contains(specialFoodCategories, c)
	})
	return special || g == GradeD || producer && g == GradeC ||
		f.Sector == SectorCatering && f.CateringFormat == FormatGroupMeal
}
