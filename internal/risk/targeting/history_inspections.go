package targeting

import "math"

// zipShareOfInspections is the zip code's share of the city's recent inspections of other
// licences, in log terms; NaN without a zip code. A zip code that has had more of them lately
// has fewer critical findings in Chicago's table: its businesses were seen not long ago.
func (h *history) zipShareOfInspections(in Inspection) float64 {
	if in.Zip == "" {
		return math.NaN()
	}
	return math.Log1p(h.inspections(in, h.inspectionsByZip[in.Zip], h.byZip[in.Zip], true)) -
		math.Log1p(h.inspections(in, h.inspectionsAll, h.all, false))
}

// inspections is the age-weighted count of the events idx (in date order; totals are their
// running totals) of other licences made and on record before the inspection was scored;
// inZip says idx are the events of the inspection's zip code. A previous visit is on record
// only from the day of the row whose past columns describe it: counted before, it would tell
// how many of an area's businesses are inspected on and after the scoring day, which a
// schedule drawn up that day does not know. The rates count it from its own day, as its
// finding was known then. An event comes on record on or after its day, so the count is
// that of the events on record before the scoring day, less the licence's own.
func (h *history) inspections(in Inspection, totals recordedTotals, idx []int, inZip bool) float64 {
	halfLife := h.params.inspectionsHalfLifeDays
	today := knownBefore(in)
	if !totals.finite {
		return h.inspectionsOneByOne(in, idx, today, halfLife)
	}
	total := totals.before(today, halfLife)
	for _, i := range h.byLicence[in.License] {
		if e := h.events[i]; e.recorded < today && (!inZip || e.zip == in.Zip) {
			total -= decay(today-e.day, halfLife)
		}
	}
	return max(total, 0)
}

// inspectionsOneByOne is inspections summed event by event, for a table too long for its
// running totals.
func (h *history) inspectionsOneByOne(in Inspection, idx []int, today, halfLife float64) float64 {
	total := 0.0
	for _, i := range idx {
		e := h.events[i]
		if e.day >= today {
			break
		}
		if e.licence != in.License && e.recorded < today {
			total += decay(today-e.day, halfLife)
		}
	}
	return total
}
