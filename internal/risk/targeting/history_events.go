package targeting

import "math"

// historyEvents are the inspections whose outcomes the training table records: each row's own,
// and the previous visit its past columns describe (pastCritical, pastSerious, pastFail), dated
// by timeSinceLast. The previous visits nearly double what the table says about an area, and
// reach back before its first row; a visit that is itself a row of the table is counted once.
func historyEvents(train []Inspection) []event {
	rowDays := map[string][]float64{}
	events := make([]event, 0, 2*len(train))
	for _, in := range train {
		events = append(events, placeEvent(in, dayNumber(in), outcomes{
			critical: boolFloat(in.Critical), violation: boolFloat(in.Violation),
		}))
		rowDays[in.License] = append(rowDays[in.License], dayNumber(in))
	}
	for _, in := range train {
		day, ok := previousVisitDay(in)
		if !ok || isTableRow(rowDays[in.License], day) {
			continue
		}
		events = append(events, placeEvent(in, day, outcomes{
			critical: indicator(in.PastCritical > 0), violation: indicator(in.PastSerious > 0 || in.PastFail > 0),
		}))
	}
	return events
}

// withRecord is the training table followed by the inspections of record it does not hold
// already (the same inspection passed in both counts once).
func withRecord(train, record []Inspection) []Inspection {
	seen := make(map[string]bool, len(train))
	for _, in := range train {
		seen[in.ID] = true
	}
	all := append([]Inspection(nil), train...)
	for _, in := range record {
		if !seen[in.ID] {
			all = append(all, in)
		}
	}
	return all
}

// meanOutcomes is the share of events with each outcome.
func meanOutcomes(events []event) outcomes {
	var o outcomes
	n := float64(len(events))
	for _, e := range events {
		o.critical += e.critical / n
		o.violation += e.violation / n
	}
	return o
}

func placeEvent(in Inspection, day float64, o outcomes) event {
	return event{day: day, recorded: dayNumber(in), lat: in.Latitude, lon: in.Longitude, zip: in.Zip, licence: in.License, outcomes: o}
}

// isTableRow reports whether a previous visit on day is one of the licence's rows: Chicago's
// timeSinceLast counts whole 365-day years, which lands on the visit's day or one after it.
func isTableRow(rowDays []float64, day float64) bool {
	for _, d := range rowDays {
		if day-d >= 0 && day-d <= 1 {
			return true
		}
	}
	return false
}

// maxYearsSinceLast is where Chicago capped timeSinceLast: a previous visit at least that long
// ago has no known day.
const maxYearsSinceLast = 2

// previousVisitDay is the day of the visit the past columns describe; false for a first record
// or a visit too long ago to date.
func previousVisitDay(in Inspection) (float64, bool) {
	if in.FirstRecord || in.YearsSinceLast >= maxYearsSinceLast {
		return 0, false
	}
	return dayNumber(in) - math.Round(in.YearsSinceLast*365), true
}

// previousVisitKnown reports whether the past columns were known when the inspection was
// scored: not when the previous visit lies on or after that day, as a re-inspection inside a
// back-test window does.
func previousVisitKnown(in Inspection) bool {
	day, ok := previousVisitDay(in)
	return !ok || day < knownBefore(in)
}

func dayNumber(in Inspection) float64 {
	return float64(in.Date.Unix()) / 86400
}

// knownBefore is the day before which outcomes were known when the inspection was scored: the
// inspection's own day, or the start of its back-test window.
func knownBefore(in Inspection) float64 {
	if !in.scoredAt.IsZero() && in.scoredAt.Before(in.Date) {
		return float64(in.scoredAt.Unix()) / 86400
	}
	return dayNumber(in)
}
