package targeting

import (
	"math"
	"strings"
	"time"
)

// A feature is one predictor computed from what was known before the visit. A row's own outcome
// columns (criticalFound, results, seriousCount) never feed its own score, and the inspector is
// not read at all; other rows' outcomes enter only through the training table's history.
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

// chicagoFeatures are the predictors of Chicago's published glmnet model (30_glmnet_model.R:
// indicators of past serious and critical violations and of a licence older than four years,
// two other licences, daily high temperature, the three heat densities capped as there, risk
// class, facility type and time since the last inspection) without the sanitarian: the
// baseline to beat.
var chicagoFeatures = []feature{
	{"pastSerious>0", func(in Inspection) float64 { return indicator(in.PastSerious > 0) }},
	{"pastCritical>0", func(in Inspection) float64 { return indicator(in.PastCritical > 0) }},
	{"ageAtInspection>4", func(in Inspection) float64 { return indicator(in.LicenceAgeYears > 4) }},
	{"consumption_on_premises_incidental_activity", func(in Inspection) float64 {
		return in.LicenceFlags["consumption_on_premises_incidental_activity"]
	}},
	{"tobacco_retail_over_counter", func(in Inspection) float64 { return in.LicenceFlags["tobacco_retail_over_counter"] }},
	{"temperatureMax", func(in Inspection) float64 { return in.TempMax }},
	{"heat_sanitation≤70", func(in Inspection) float64 { return math.Min(in.HeatSanitation, 70) }},
	{"heat_garbage≤50", func(in Inspection) float64 { return math.Min(in.HeatGarbage, 50) }},
	{"heat_burglary≤70", func(in Inspection) float64 { return math.Min(in.HeatBurglary, 70) }},
	{"risk:1 (High)", riskIs("Risk 1")},
	{"risk:2 (Medium)", riskIs("Risk 2")},
	{"facility:Restaurant", facilityIs("Restaurant")},
	{"facility:Grocery Store", facilityIs("Grocery Store")},
	{"timeSinceLast", func(in Inspection) float64 { return in.YearsSinceLast }},
}

func riskIs(prefix string) func(Inspection) float64 {
	return func(in Inspection) float64 { return indicator(strings.HasPrefix(in.Risk, prefix)) }
}

func facilityIs(kind string) func(Inspection) float64 {
	return func(in Inspection) float64 { return indicator(in.FacilityType == kind) }
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
		{"facility:Restaurant", facilityIs("Restaurant")},
		{"facility:Grocery Store", facilityIs("Grocery Store")},
		{"risk:1 (High)", riskIs("Risk 1")},
		{"risk:2 (Medium)", riskIs("Risk 2")},
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

// featureSpec is a set of predictors: fixed ones computed from the row alone and, for the
// ranker, ones learnt from the training table (recent area rates, the licence's earlier
// findings, the words of the business name).
type featureSpec struct {
	fixed   []feature
	learned bool
}

// chicagoSpec is the baseline's predictors.
var chicagoSpec = featureSpec{fixed: chicagoFeatures}

// rankerSpec is the ranker's predictors.
var rankerSpec = featureSpec{fixed: rankerFeatures, learned: true}

// rankerHistory is the reach of the area rates. Fixed from a first look at the corpus table in
// random halves: for one rate, half-lives of 120–240 days and a 1–2 km bandwidth ranked best of
// 60 days to no decay and 0.5–4 km; zip-code rates at a short and a long half-life beside it
// added a little, nearby rates at more scales nothing, the zip rate of serious violations and
// fails a little more.
var rankerHistory = historyParams{
	zipHalfLivesDays: []float64{60, 180, 720}, violationHalfLifeDays: 180, nearbyHalfLifeDays: 180, nearbyKm: 2,
}

// learn returns the predictors for a model trained on train.
func (s featureSpec) learn(train []Inspection) []feature {
	fs := append([]feature(nil), s.fixed...)
	if s.learned {
		fs = append(fs, fitHistory(train, rankerHistory).features()...)
		fs = append(fs, feature{"businessNameRisk", fitNameTokens(train).risk})
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
