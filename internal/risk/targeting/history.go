package targeting

import (
	"fmt"
	"math"
	"sort"
)

// history is what the training table says about the places and licences around an inspection
// before its day (检查前已知的周边与自身记录): the recent rates of critical findings and of
// serious violations in its zip code, the recent critical rate nearby, and the licence's own
// earlier findings. Only rows dated strictly
// before the inspection count, so a score never uses anything learnt on or after the day it is
// for; the area rates leave the business's own licence out, which is in its own feature.
//
// Inspectors in Chicago work territories, so how often criticals were found lately in an area
// stands in for who will inspect there, without naming the inspector.
type history struct {
	prior     outcomes // share of training inspections with each outcome
	rows      []historyRow
	byZip     map[string][]int
	byLicence map[string][]int
	params    historyParams
}

type historyRow struct {
	day      float64 // days since the Unix epoch
	lat, lon float64
	zip      string
	licence  string
	outcomes
}

// outcomes are what an inspection found, as 0/1 (or their shares over a table).
type outcomes struct {
	critical  float64
	violation float64 // a serious violation or a failed result
}

func criticalOutcome(o outcomes) float64  { return o.critical }
func violationOutcome(o outcomes) float64 { return o.violation }

// historyParams are the reach of the rates in time and space.
type historyParams struct {
	zipHalfLivesDays      []float64 // an inspection this many days earlier weighs half as much; one rate each
	violationHalfLifeDays float64
	nearbyHalfLifeDays    float64
	nearbyKm              float64 // spatial bandwidth (Gaussian σ); beyond 3σ a row is ignored
}

// kmPerDegreeLat is one degree of latitude; longitude shrinks with its cosine.
const kmPerDegreeLat = 111.2

// historyPriorWeight is how many pseudo-inspections at the overall rate each rate starts from,
// so an area with two or three recent visits is not ranked on them alone.
const historyPriorWeight = 5

func fitHistory(train []Inspection, p historyParams) *history {
	h := &history{byZip: map[string][]int{}, byLicence: map[string][]int{}, params: p}
	n := float64(len(train))
	for _, in := range train {
		h.prior.critical += boolFloat(in.Critical) / n
		h.prior.violation += boolFloat(in.Violation) / n
	}
	order := make([]Inspection, len(train))
	copy(order, train)
	sort.SliceStable(order, func(a, b int) bool { return order[a].Date.Before(order[b].Date) })
	for i, in := range order {
		h.rows = append(h.rows, historyRow{
			day: dayNumber(in), lat: in.Latitude, lon: in.Longitude, zip: in.Zip, licence: in.License,
			outcomes: outcomes{critical: boolFloat(in.Critical), violation: boolFloat(in.Violation)},
		})
		if in.Zip != "" {
			h.byZip[in.Zip] = append(h.byZip[in.Zip], i)
		}
		h.byLicence[in.License] = append(h.byLicence[in.License], i)
	}
	return h
}

func dayNumber(in Inspection) float64 {
	return float64(in.Date.Unix()) / 86400
}

// features are the learnt history predictors. The zip-code rate of critical findings comes at
// several half-lives: a short one follows who inspects the area now, a long one what the area
// is like. The rate of serious violations and fails, twice as common, is a steadier read of
// the same.
func (h *history) features() []feature {
	var fs []feature
	for _, halfLife := range h.params.zipHalfLivesDays {
		fs = append(fs, feature{fmt.Sprintf("zipCriticalRate(%gd)", halfLife), func(in Inspection) float64 {
			return h.zipRate(in, halfLife, criticalOutcome)
		}})
	}
	return append(fs,
		feature{fmt.Sprintf("zipViolationRate(%gd)", h.params.violationHalfLifeDays), func(in Inspection) float64 {
			return h.zipRate(in, h.params.violationHalfLifeDays, violationOutcome)
		}},
		feature{"nearbyCriticalRate", h.nearbyRate},
		feature{"licenceEarlierCriticals", h.licenceCriticals},
	)
}

// smoothed is a weighted rate pulled towards the overall rate.
func (h *history) smoothed(found, weight float64, outcome func(outcomes) float64) float64 {
	return (found + historyPriorWeight*outcome(h.prior)) / (weight + historyPriorWeight)
}

// decay is the weight of a row age days old.
func decay(age, halfLife float64) float64 {
	return math.Exp2(-age / halfLife)
}

// zipRate is the recent rate of an outcome among other licences in the inspection's zip code,
// rows weighted by age; NaN without a zip code.
func (h *history) zipRate(in Inspection, halfLife float64, outcome func(outcomes) float64) float64 {
	if in.Zip == "" {
		return math.NaN()
	}
	today := dayNumber(in)
	var found, weight float64
	for _, i := range h.byZip[in.Zip] {
		r := h.rows[i]
		if r.day >= today {
			break // rows are in date order
		}
		if r.licence == in.License {
			continue
		}
		w := decay(today-r.day, halfLife)
		found, weight = found+w*outcome(r.outcomes), weight+w
	}
	return h.smoothed(found, weight, outcome)
}

// nearbyRate is the recent critical rate of other licences around the inspection, weighted by
// distance and age; NaN without coordinates.
func (h *history) nearbyRate(in Inspection) float64 {
	if math.IsNaN(in.Latitude) || math.IsNaN(in.Longitude) {
		return math.NaN()
	}
	today := dayNumber(in)
	cos := math.Cos(in.Latitude * math.Pi / 180)
	sigma2 := h.params.nearbyKm * h.params.nearbyKm
	var crit, weight float64
	for _, r := range h.rows {
		if r.day >= today {
			break
		}
		if r.licence == in.License || math.IsNaN(r.lat) || math.IsNaN(r.lon) {
			continue
		}
		dy, dx := (r.lat-in.Latitude)*kmPerDegreeLat, (r.lon-in.Longitude)*kmPerDegreeLat*cos
		d2 := dx*dx + dy*dy
		if d2 > 9*sigma2 {
			continue
		}
		w := math.Exp(-d2/(2*sigma2)) * decay(today-r.day, h.params.nearbyHalfLifeDays)
		crit, weight = crit+w*r.critical, weight+w
	}
	return h.smoothed(crit, weight, criticalOutcome)
}

// licenceCriticals is how many of the licence's earlier inspections in the training table had
// a critical finding (the table's pastCritical only covers the last one).
func (h *history) licenceCriticals(in Inspection) float64 {
	today := dayNumber(in)
	n := 0.0
	for _, i := range h.byLicence[in.License] {
		if h.rows[i].day >= today {
			break
		}
		n += h.rows[i].critical
	}
	return n
}
