package targeting

import "time"

// Inspection is one routine inspection (日常检查) as the model sees it: what was known about
// the business before the visit, and whether a critical violation was found.
type Inspection struct {
	ID       string    // inspection_id
	License  string    // license_
	Date     time.Time // inspection_date (UTC midnight)
	Critical bool      // criticalFound: the label
	// scoredAt is the day the score is made when that is before the inspection: a back-test
	// scores a whole window on its first day (see ScoreWindows). Zero: the inspection's day.
	scoredAt time.Time
	// Violation is a serious violation found or a failed result (seriousCount > 0 or results
	// Fail): an outcome like the label, read only from the training table's earlier rows as part
	// of an area's record, never as a predictor of its own inspection.
	Violation bool

	FacilityType string // facility_type: Restaurant, Grocery Store, Other
	Risk         string // risk: "Risk 1 (High)" …

	PastFail, PastCritical, PastSerious, PastMinor float64 // counts at the previous inspection
	YearsSinceLast                                 float64 // timeSinceLast (capped at 2 by Chicago)
	FirstRecord                                    bool    // no earlier inspection on record
	LicenceAgeYears                                float64 // ageAtInspection

	// LicenceFlags holds the other licences held at the address (1/0), keyed by column name.
	LicenceFlags map[string]float64

	// Optional context; NaN when the row says NA.
	LicenceStart                 time.Time // zero when missing
	Name                         string    // doing_business_as_name; empty when missing
	Zip                          string    // zip_code; empty when missing
	Latitude, Longitude          float64
	TempMax                      float64 // temperatureMax, in Chicago's baseline only
	HeatBurglary, HeatSanitation float64 // density of nearby burglaries, sanitation complaints
	HeatGarbage                  float64 // and garbage-cart requests
}
