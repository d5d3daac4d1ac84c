package risk

import (
	"cmp"
	"slices"
)

// OverdueStation is the overdue list (逾期未检清单) of one station, most urgent first.
type OverdueStation struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Businesses []PlanRow `json:"businesses"`
}

// OverdueList is the overdue list of an org unit on the plan's day, per station: the
// businesses behind the pace of their plan (PlanRow.Behind) or past their full-checklist
// due day (PlanRow.FullLateDays).
type OverdueList struct {
	PlanHeading
	Total    int              `json:"total"`
	Stations []OverdueStation `json:"stations"`
}

// overdueOf splits the overdue rows of plan by station, each sorted most urgent first,
// stations by name.
func overdueOf(p *AnnualPlan, names map[int64]string) *OverdueList {
	out := &OverdueList{PlanHeading: p.PlanHeading, Stations: []OverdueStation{}}
	byStation := map[int64]int{}
	for _, r := range p.Businesses {
		if !r.Overdue() {
			continue
		}
		i, ok := byStation[r.StationID]
		if !ok {
			i = len(out.Stations)
			byStation[r.StationID] = i
			out.Stations = append(out.Stations, OverdueStation{ID: r.StationID, Name: names[r.StationID]})
		}
		out.Stations[i].Businesses = append(out.Stations[i].Businesses, r)
		out.Total++
	}
	for _, s := range out.Stations {
		slices.SortFunc(s.Businesses, byUrgency)
	}
	slices.SortFunc(out.Stations, func(a, b OverdueStation) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out
}
