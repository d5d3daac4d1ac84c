package targeting

import (
	"sort"
	"time"
)

// windowSimulation is one window replayed: the summary and, for each critical finding, how many
// days earlier the score order would have found it (negative: later).
type windowSimulation struct {
	summary     Window
	daysEarlier []float64
}

func simulateWindow(rows []Scored) windowSimulation {
	actual := append([]Scored(nil), rows...)
	byActualOrder(actual)
	ranked := append([]Scored(nil), actual...)
	sort.SliceStable(ranked, func(a, b int) bool { return ranked[a].Score > ranked[b].Score })
	firstHalf := firstHalfDays(actual)
	ws := windowSimulation{summary: Window{
		Start: actual[0].Date, End: actual[len(actual)-1].Date, Inspections: len(rows),
	}}
	for k, r := range ranked {
		if !r.Critical {
			continue
		}
		simulated := actual[k].Date // the k-th slot of the actual schedule
		ws.daysEarlier = append(ws.daysEarlier, daysBetween(simulated, r.Date))
		ws.summary.Criticals++
		if firstHalf[r.Date] {
			ws.summary.FirstHalfActual++
		}
		if firstHalf[simulated] {
			ws.summary.FirstHalfSimulated++
		}
	}
	ws.summary.DaysEarlierMean = Figure(mean(ws.daysEarlier))
	return ws
}

// firstHalfDays marks the days before the median date of the window's inspections, as in
// Chicago's evaluation (Inspection_Date < median(Inspection_Date)): the days whose running count
// reaches at most half the total. A day holding the median inspection belongs to neither half;
// with an even count whose middle two fall on different days, the median lies between them and
// the earlier day, ending exactly at the half, is wholly in the first.
func firstHalfDays(actual []Scored) map[time.Time]bool {
	half := float64(len(actual)) / 2
	days := map[time.Time]bool{}
	for k := 0; k < len(actual); {
		end := k
		for end < len(actual) && actual[end].Date.Equal(actual[k].Date) {
			end++
		}
		if float64(end) <= half {
			days[actual[k].Date] = true
		}
		k = end
	}
	return days
}
