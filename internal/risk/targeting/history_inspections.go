package targeting

import "math"

// zipShareOfInspections is the zip code's share of the city's recent inspections of other
// licences, in log terms; NaN without a zip code. A zip code that has had more of them lately
// has fewer critical findings in Chicago's table: its businesses were seen not long ago.
func (h *history) zipShareOfInspections(in Inspection) float64 {
	if in.Zip == "" {
		return math.NaN()
	}
	halfLife := h.params.inspectionsHalfLifeDays
	return math.Log1p(h.inspections(in, h.byZip[in.Zip], halfLife)) - math.Log1p(h.inspections(in, h.all, halfLife))
}

// inspections is the age-weighted count of the events idx (in date order) of other licences
// made and on record before the inspection was scored. A previous visit is on record only from
// the day of the row whose past columns describe it: counted before, it would tell how many of
// an area's businesses are inspected on and after the scoring day, which a schedule drawn up
// that day does not know. The rates count it from its own day, as its finding was known then.
func (h *history) inspections(in Inspection, idx []int, halfLife float64) float64 {
	today := knownBefore(in)
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
