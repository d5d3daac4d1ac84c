package targeting

import (
	"math"
	"strings"
	"time"
)

// A feature is one predictor computed from what was known before the visit. Outcome columns
// (results, pass_flag, criticalCount …) are never read, and neither is the inspector.
type feature struct {
	name  string
	value func(in Inspection) float64 // NaN when unknown
}

// daysPerYear turns date differences into years, the unit of Chicago's own time columns.
const daysPerYear = 365.25

// rankerFeatures is the ranker's view of an inspection. Citywide weather is left out on
// purpose: it is the same for every business on a day, so in a back-test it can only rank by
// the date the inspection really happened, which a schedule does not know beforehand.
var rankerFeatures = buildRankerFeatures()

// chicagoFeatures are the predictors of Chicago's published model without the sanitarian
// clusters: the plain-logistic baseline to beat.
var chicagoFeatures = []feature{
	{"pastSerious", func(in Inspection) float64 { return in.PastSerious }},
	{"pastCritical", func(in Inspection) float64 { return in.PastCritical }},
	{"timeSinceLast", func(in Inspection) float64 { return in.YearsSinceLast }},
	{"ageAtInspection", func(in Inspection) float64 { return in.LicenceAgeYears }},
	{"consumption_on_premises_incidental_activity", func(in Inspection) float64 {
		return in.LicenceFlags["consumption_on_premises_incidental_activity"]
	}},
	{"tobacco_retail_over_counter", func(in Inspection) float64 { return in.LicenceFlags["tobacco_retail_over_counter"] }},
	{"temperatureMax", func(in Inspection) float64 { return in.TempMax }},
	{"heat_burglary", func(in Inspection) float64 { return in.HeatBurglary }},
	{"heat_sanitation", func(in Inspection) float64 { return in.HeatSanitation }},
	{"heat_garbage", func(in Inspection) float64 { return in.HeatGarbage }},
}

func buildRankerFeatures() []feature {
	fs := []feature{
		{"pastCritical", func(in Inspection) float64 { return in.PastCritical }},
		{"pastSerious", func(in Inspection) float64 { return in.PastSerious }},
		{"pastFail", func(in Inspection) float64 { return in.PastFail }},
		{"pastMinor", func(in Inspection) float64 { return in.PastMinor }},
		{"anyPastCritical", func(in Inspection) float64 { return indicator(in.PastCritical > 0) }},
		{"anyPastSerious", func(in Inspection) float64 { return indicator(in.PastSerious > 0) }},
		{"timeSinceLast", func(in Inspection) float64 { return in.YearsSinceLast }},
		{"firstRecord", func(in Inspection) float64 { return indicator(in.FirstRecord) }},
		{"ageAtInspection", func(in Inspection) float64 { return in.LicenceAgeYears }},
		{"facility:Restaurant", func(in Inspection) float64 { return indicator(in.FacilityType == "Restaurant") }},
		{"facility:Grocery Store", func(in Inspection) float64 { return indicator(in.FacilityType == "Grocery Store") }},
		{"risk:1 (High)", func(in Inspection) float64 { return indicator(strings.HasPrefix(in.Risk, "Risk 1")) }},
		{"risk:2 (Medium)", func(in Inspection) float64 { return indicator(strings.HasPrefix(in.Risk, "Risk 2")) }},
		{"yearsToLicenceExpiry", func(in Inspection) float64 { return yearsBetween(in.Date, in.LicenceExpiry) }},
		{"yearsSinceLicenceStart", func(in Inspection) float64 { return yearsBetween(in.LicenceStart, in.Date) }},
		{"latitude", func(in Inspection) float64 { return in.Latitude }},
		{"longitude", func(in Inspection) float64 { return in.Longitude }},
		{"heat_burglary", func(in Inspection) float64 { return in.HeatBurglary }},
		{"heat_sanitation", func(in Inspection) float64 { return in.HeatSanitation }},
		{"heat_garbage", func(in Inspection) float64 { return in.HeatGarbage }},
	}
	for _, col := range licenceFlagColumns {
		fs = append(fs, feature{col, func(in Inspection) float64 { return in.LicenceFlags[col] }})
	}
	return fs
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// yearsBetween is to − from in years, NaN when either date is unknown.
func yearsBetween(from, to time.Time) float64 {
	if from.IsZero() || to.IsZero() {
		return math.NaN()
	}
	return to.Sub(from).Hours() / 24 / daysPerYear
}

// featureSpec is a set of predictors: fixed ones computed from the row alone, and, when
// neighbourK > 0, the nearby critical rate learnt from the training table.
type featureSpec struct {
	fixed      []feature
	neighbourK int
	history    *historyParams
}

// chicagoSpec is the baseline's predictors.
var chicagoSpec = featureSpec{fixed: chicagoFeatures}

// rankerSpecs are the ranker's predictors with the neighbourhood sizes cross-validation
// chooses from: a wider neighbourhood is steadier, a narrower one more local.
func rankerSpecs() []featureSpec {
	hp := &historyParams{zipHalfLifeDays: 180, nearbyHalfLifeDays: 180, nearbyKm: 2}
	return []featureSpec{{fixed: rankerFeatures, history: hp}}
}

// learn returns the predictors for a model trained on train.
func (s featureSpec) learn(train []Inspection) []feature {
	fs := append([]feature(nil), s.fixed...)
	if s.neighbourK > 0 {
		fs = append(fs, feature{"nearbyCriticalRate", fitNeighbourRates(train, s.neighbourK).rate})
	}
	if s.history != nil {
		fs = append(fs, fitHistory(train, *s.history).features()...)
	}
	return fs
}

// rawMatrix computes every feature of every inspection, NaN where unknown.
func rawMatrix(ins []Inspection, features []feature) [][]float64 {
	x := make([][]float64, len(ins))
	for i, in := range ins {
		row := make([]float64, len(features))
		for j, f := range features {
			row[j] = f.value(in)
		}
		x[i] = row
	}
	return x
}
