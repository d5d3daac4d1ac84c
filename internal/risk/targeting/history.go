package targeting

import (
	"fmt"
	"math"
	"sort"
)

// history is what the training table says about the area around an inspection before the day
// it is scored (评分前已知的周边记录): how often other businesses' inspections nearby found a
// critical or a serious violation lately, against the city as a whole at the same time. Only
// inspections dated strictly before that day count, and never the scored business's own, so a
// score uses no outcome a schedule drawn up that day could not have known.
//
// Inspectors in Chicago work territories, and zip codes follow them more closely than distance
// does, so an area's recent rate stands in for who will inspect there without naming the
// inspector. Dividing by the city's rate at the same time leaves out the season and the year,
// which move every business alike and cannot change their order.
type history struct {
	prior     outcomes // share of the training table's events with each outcome
	events    []event  // date order
	all       []int    // every event's index, for the nearby rates
	byZip     map[string][]int
	byLicence map[string][]int
	city      map[float64]cityTotals // by half-life
	params    historyParams
	// The indexes of the sums over many events (history_index.go).
	inspectionsAll   recordedTotals
	inspectionsByZip map[string]recordedTotals
	nearby           nearbyGrid
}

// event is one earlier inspection whose outcome the training table records.
type event struct {
	day      float64 // days since the Unix epoch
	recorded float64 // the day of the row that records it: its own, or the later row whose past columns describe it
	lat, lon float64
	zip      string
	licence  string
	outcomes
}

// outcomes are what an inspection found, as 0/1 (or their shares over many).
type outcomes struct {
	critical  float64
	violation float64 // a serious violation or a failed result
}

func criticalOutcome(o outcomes) float64  { return o.critical }
func violationOutcome(o outcomes) float64 { return o.violation }

// historyParams are the reach of the rates in time and space.
type historyParams struct {
	zipHalfLivesDays        []float64 // an inspection this many days earlier weighs half as much; one rate each
	violationHalfLifeDays   float64
	nearbyHalfLifeDays      float64
	nearbyKm                float64 // spatial bandwidth (Gaussian σ); beyond 3σ an event is ignored
	inspectionsHalfLifeDays float64 // of the zip code's share of the city's inspections
}

// kmPerDegreeLat is one degree of latitude; longitude shrinks with its cosine.
const kmPerDegreeLat = 111.2

// historyPriorWeight is how many pseudo-inspections at the overall rate each rate starts from,
// so an area with two or three recent visits is not ranked on them alone.
const historyPriorWeight = 5

// fitHistory learns the rates from the training table and from record, further inspections
// whose outcomes become known as they are done (a back-test's evaluation table): their events
// count like the table's, each only from its own day on, but the overall shares every rate
// starts from are the training table's alone, so no later finding of record moves them.
func fitHistory(train, record []Inspection, p historyParams) *history {
	events := historyEvents(withRecord(train, record))
	sort.SliceStable(events, func(a, b int) bool { return events[a].day < events[b].day })
	h := &history{prior: meanOutcomes(historyEvents(train)), events: events, byZip: map[string][]int{}, byLicence: map[string][]int{}, params: p}
	for i, e := range events {
		h.all = append(h.all, i)
		if e.zip != "" {
			h.byZip[e.zip] = append(h.byZip[e.zip], i)
		}
		h.byLicence[e.licence] = append(h.byLicence[e.licence], i)
	}
	h.city = map[float64]cityTotals{}
	for _, halfLife := range append([]float64{p.violationHalfLifeDays, p.nearbyHalfLifeDays}, p.zipHalfLivesDays...) {
		h.city[halfLife] = cityRunningTotals(events, halfLife)
	}
	h.inspectionsAll = recordedRunningTotals(events, h.all, p.inspectionsHalfLifeDays)
	h.inspectionsByZip = make(map[string]recordedTotals, len(h.byZip))
	for zip, idx := range h.byZip {
		h.inspectionsByZip[zip] = recordedRunningTotals(events, idx, p.inspectionsHalfLifeDays)
	}
	h.nearby = newNearbyGrid(events, p.nearbyKm)
	return h
}

// features are the learnt area predictors, each the log-odds of an area's recent rate over the
// city's. The zip code's rate of critical findings comes at several half-lives: a short one
// follows who inspects the area now, a long one what the area is like. Its rate of serious
// violations and fails, twice as common, is a steadier read of the same; the rate within a
// kilometre crosses zip-code lines. The zip code's share of the city's recent inspections says
// how lately its businesses were seen.
func (h *history) features() []feature {
	var fs []feature
	for _, halfLife := range h.params.zipHalfLivesDays {
		fs = append(fs, feature{fmt.Sprintf("zipCriticalVsCity(%gd)", halfLife), func(in Inspection) float64 {
			return h.zipVsCity(in, halfLife, criticalOutcome)
		}})
	}
	p := h.params
	return append(fs,
		feature{fmt.Sprintf("zipViolationVsCity(%gd)", p.violationHalfLifeDays), func(in Inspection) float64 {
			return h.zipVsCity(in, p.violationHalfLifeDays, violationOutcome)
		}},
		feature{fmt.Sprintf("nearbyCriticalVsCity(%gkm,%gd)", p.nearbyKm, p.nearbyHalfLifeDays), h.nearbyVsCity},
		feature{fmt.Sprintf("zipShareOfInspections(%gd)", p.inspectionsHalfLifeDays), h.zipShareOfInspections},
	)
}

// zipVsCity is the zip code's recent rate of an outcome over the city's, in log-odds; NaN
// without a zip code.
func (h *history) zipVsCity(in Inspection, halfLife float64, outcome func(outcomes) float64) float64 {
	if in.Zip == "" {
		return math.NaN()
	}
	byAge := func(_ event, age float64) float64 { return decay(age, halfLife) }
	return logit(h.rate(in, h.byZip[in.Zip], byAge, outcome)) - logit(h.cityRate(in, halfLife, outcome))
}

// nearbyVsCity is the recent critical rate around the inspection, weighted by distance and age,
// over the city's, in log-odds; NaN without coordinates.
func (h *history) nearbyVsCity(in Inspection) float64 {
	if math.IsNaN(in.Latitude) || math.IsNaN(in.Longitude) {
		return math.NaN()
	}
	halfLife := h.params.nearbyHalfLifeDays
	near := h.nearbyWeight(in)
	var found, total float64
	h.nearby.around(in.Latitude, in.Longitude, func(idx []int) {
		f, t := h.sums(in, idx, near, criticalOutcome)
		found, total = found+f, total+t
	})
	return logit(h.pulled(found, total, criticalOutcome)) - logit(h.cityRate(in, halfLife, criticalOutcome))
}

// nearbyWeight weighs an event by its distance from the inspection (a Gaussian of σ
// nearbyKm, nothing beyond nearbyReach σ) and by its age.
func (h *history) nearbyWeight(in Inspection) func(e event, age float64) float64 {
	cos := math.Cos(in.Latitude * math.Pi / 180)
	sigma2 := h.params.nearbyKm * h.params.nearbyKm
	halfLife := h.params.nearbyHalfLifeDays
	return func(e event, age float64) float64 {
		if math.IsNaN(e.lat) || math.IsNaN(e.lon) {
			return 0
		}
		dy, dx := (e.lat-in.Latitude)*kmPerDegreeLat, (e.lon-in.Longitude)*kmPerDegreeLat*cos
		d2 := dx*dx + dy*dy
		if d2 > nearbyReach*nearbyReach*sigma2 {
			return 0
		}
		return math.Exp(-d2/(2*sigma2)) * decay(age, halfLife)
	}
}

// cityRate is the rate of an outcome over every other licence's events known before the
// inspection was scored, weighted by age: the running totals up to that day less the
// licence's own events.
func (h *history) cityRate(in Inspection, halfLife float64, outcome func(outcomes) float64) float64 {
	c := h.city[halfLife]
	if !c.finite {
		return h.rate(in, h.all, func(_ event, age float64) float64 { return decay(age, halfLife) }, outcome)
	}
	today := knownBefore(in)
	k := sort.Search(len(h.events), func(i int) bool { return h.events[i].day >= today })
	scale := math.Exp2(-(today - c.origin) / halfLife)
	total := c.weight[k] * scale
	found := outcome(c.found[k]) * scale
	for _, i := range h.byLicence[in.License] {
		e := h.events[i]
		if e.day >= today {
			break
		}
		w := decay(today-e.day, halfLife)
		found, total = found-w*outcome(e.outcomes), total-w
	}
	return (found + historyPriorWeight*outcome(h.prior)) / (max(total, 0) + historyPriorWeight)
}

// rate is the weighted share of an outcome among the events idx (in date order) of other
// licences known before the inspection was scored, pulled towards the overall share.
func (h *history) rate(in Inspection, idx []int, weight func(e event, age float64) float64, outcome func(outcomes) float64) float64 {
	found, total := h.sums(in, idx, weight, outcome)
	return h.pulled(found, total, outcome)
}

// pulled is the share found of total, pulled towards the overall share of the outcome.
func (h *history) pulled(found, total float64, outcome func(outcomes) float64) float64 {
	return (found + historyPriorWeight*outcome(h.prior)) / (total + historyPriorWeight)
}

// sums are the weighted count of the events idx (in date order) of other licences known
// before the inspection was scored, and of those with the outcome.
func (h *history) sums(in Inspection, idx []int, weight func(e event, age float64) float64, outcome func(outcomes) float64) (found, total float64) {
	today := knownBefore(in)
	for _, i := range idx {
		e := h.events[i]
		if e.day >= today {
			break
		}
		if e.licence == in.License {
			continue
		}
		w := weight(e, today-e.day)
		found, total = found+w*outcome(e.outcomes), total+w
	}
	return found, total
}

// decay is the weight of an event age days old.
func decay(age, halfLife float64) float64 {
	return math.Exp2(-age / halfLife)
}
