package targeting

import (
	"math"
	"sort"
)

// history is what the training table says about the places and licences around an inspection
// before its day (检查前已知的周边与自身记录): the recent critical rate in its zip code, the
// recent critical rate nearby, and the licence's own earlier findings. Only rows dated strictly
// before the inspection count, so a score never uses anything learnt on or after the day it is
// for; the area rates leave the business's own licence out, which is in its own feature.
//
// Inspectors in Chicago work territories, so how often criticals were found lately in an area
// stands in for who will inspect there, without naming the inspector.
type history struct {
	prior     float64 // share of training inspections with a critical finding
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
	critical float64
}

// historyParams are the reach of the rates in time and space.
type historyParams struct {
	zipHalfLifeDays    float64 // an inspection this many days earlier weighs half as much
	nearbyHalfLifeDays float64
	nearbyKm           float64 // spatial bandwidth (Gaussian σ); beyond 3σ a row is ignored
}

// historyPriorWeight is how many pseudo-inspections at the overall rate each rate starts from,
// so an area with two or three recent visits is not ranked on them alone.
const historyPriorWeight = 5

func fitHistory(train []Inspection, p historyParams) *history {
	h := &history{byZip: map[string][]int{}, byLicence: map[string][]int{}, params: p}
	pos := 0.0
	for _, in := range train {
		pos += boolFloat(in.Critical)
	}
	h.prior = pos / float64(len(train))
	order := make([]Inspection, len(train))
	copy(order, train)
	sort.SliceStable(order, func(a, b int) bool { return order[a].Date.Before(order[b].Date) })
	for i, in := range order {
		h.rows = append(h.rows, historyRow{
			day: dayNumber(in), lat: in.Latitude, lon: in.Longitude, zip: in.Zip, licence: in.License,
			critical: boolFloat(in.Critical),
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

// features are the learnt history predictors.
func (h *history) features() []feature {
	return []feature{
		{"zipRecentCriticalRate", h.zipRate},
		{"nearbyRecentCriticalRate", h.nearbyRate},
		{"licenceEarlierCriticals", h.licenceCriticals},
	}
}

// smoothed is a weighted rate pulled towards the overall rate.
func (h *history) smoothed(crit, weight float64) float64 {
	return (crit + historyPriorWeight*h.prior) / (weight + historyPriorWeight)
}

// decay is the weight of a row age days old.
func decay(age, halfLife float64) float64 {
	return math.Exp2(-age / halfLife)
}

// zipRate is the recent critical rate of other licences in the inspection's zip code; NaN
// without a zip code.
func (h *history) zipRate(in Inspection) float64 {
	if in.Zip == "" {
		return math.NaN()
	}
	today := dayNumber(in)
	var crit, weight float64
	for _, i := range h.byZip[in.Zip] {
		r := h.rows[i]
		if r.day >= today {
			break // rows are in date order
		}
		if r.licence == in.License {
			continue
		}
		w := decay(today-r.day, h.params.zipHalfLifeDays)
		crit, weight = crit+w*r.critical, weight+w
	}
	return h.smoothed(crit, weight)
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
	return h.smoothed(crit, weight)
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
