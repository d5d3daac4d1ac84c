// Package targetingtest builds inspection tables in the column layout of Chicago's model
// table for tests, so they need neither the corpus nor hand-typed 54-column lines.
package targetingtest

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Header is the 54-column header of train_20140830.csv, the first column being R's unnamed
// row index.
var Header = strings.Split(`,inspection_id,license_,facility_type,risk,inspection_date,inspection_type,results,`+
	`pass_flag,criticalCount,seriousCount,minorCount,pastFail,pastCritical,pastSerious,pastMinor,timeSinceLast,`+
	`firstRecord,minDate,maxDate,payment_date,license_start_date,expiration_date,doing_business_as_name,address,`+
	`city,state,zip_code,ward,precinct,police_district,license_description,latitude,longitude,location,`+
	`criticalFound,ageAtInspection,consumption_on_premises_incidental_activity,tobacco_retail_over_counter,`+
	`limited_business_license,package_goods,outdoor_patio,public_place_of_amusement,tavern,`+
	`retail_food_establishment,caterers_liquor_license,filling_station,precipIntensity,temperatureMax,windSpeed,`+
	`humidity,heat_burglary,heat_sanitation,heat_garbage`, ",")

// Row is one inspection; Set overrides any cell by column name.
type Row map[string]string

// Set returns the row with column set to value.
func (r Row) Set(column, value string) Row {
	r[column] = value
	return r
}

// NewRow is a clean inspection with the given id, date and outcome; every other cell holds a
// plausible value.
func NewRow(id int, date time.Time, critical bool) Row {
	r := Row{}
	for _, h := range Header {
		r[h] = "0"
	}
	crit := "0"
	if critical {
		crit = "1"
	}
	for k, v := range map[string]string{
		"": fmt.Sprint(id), "inspection_id": fmt.Sprint(1000000 + id), "license_": fmt.Sprint(2000000 + id),
		"facility_type": "Restaurant", "risk": "Risk 1 (High)", "inspection_date": date.Format(time.DateOnly),
		"inspection_type": "Canvass", "results": "Pass", "criticalFound": crit, "timeSinceLast": "1",
		"minDate": "2006-02-16", "maxDate": "2015-02-15", "payment_date": "2011-02-10",
		"license_start_date": "2011-02-16", "expiration_date": "2014-02-15", "doing_business_as_name": "TEST CAFE",
		"address": "1 W MADISON ST", "city": "CHICAGO", "state": "IL", "zip_code": "60602", "ward": "42",
		"precinct": "w_42_p_1", "police_district": "1", "license_description": "Retail Food Establishment",
		"latitude": "41.88", "longitude": "-87.63", "location": "(41.88, -87.63)", "ageAtInspection": "3",
		"temperatureMax": "60", "heat_burglary": "20", "heat_sanitation": "10", "heat_garbage": "10",
	} {
		r[k] = v
	}
	return r
}

// CSV renders rows under the header.
func CSV(rows []Row) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(Header)
	for _, r := range rows {
		cells := make([]string, len(Header))
		for i, h := range Header {
			cells[i] = r[h]
		}
		w.Write(cells)
	}
	w.Flush()
	return b.String()
}

// Synthetic is n inspections over consecutive days (about eight a day) from start, where past
// critical violations, a northern address and a licence to serve drinks on the premises each
// raise the chance of a critical finding: a table a ranker can learn from. The same seed gives
// the same table.
func Synthetic(n int, start time.Time, seed uint64) []Row {
	rng := rand.New(rand.NewPCG(seed, 1))
	rows := make([]Row, n)
	for i := range rows {
		pastCritical := rng.IntN(4) / 2 // 0,0,1,1
		lat := 41.7 + 0.3*rng.Float64()
		drinks := rng.IntN(5) == 0
		logOdds := -2.2 + 1.2*float64(pastCritical) + 4*(lat-41.85)
		drinksFlag := 0
		if drinks {
			logOdds += 0.8
			drinksFlag = 1
		}
		critical := rng.Float64() < 1/(1+math.Exp(-logOdds))
		r := NewRow(i, start.AddDate(0, 0, i/8), critical)
		r.Set("pastCritical", fmt.Sprint(pastCritical)).Set("latitude", fmt.Sprintf("%.5f", lat)).
			Set("longitude", fmt.Sprintf("%.5f", -87.8+0.2*rng.Float64())).
			Set("pastMinor", fmt.Sprint(rng.IntN(6))).Set("consumption_on_premises_incidental_activity", fmt.Sprint(drinksFlag))
		rows[i] = r
	}
	return rows
}
