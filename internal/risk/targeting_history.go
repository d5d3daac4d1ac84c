package risk

import (
	"math"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/risk/targeting"
)

// The city's predictive targeting (预测性检查排序, issue 5): the ranker of package targeting,
// trained on the city's own record of inspections, orders the businesses a station still
// owes inspections this year by the probability that the next one finds them non-compliant
// (不符合), with the reasons for each score (targeting_list.go). This file turns a business's
// record into the rows the ranker reads: one per inspection, with what was known before it.

// facilityTypes maps a business category to the facility type of the ranker's table, whose
// indicators are named after Chicago's: catering is its restaurant, sales its grocery store.
var facilityTypes = map[string]string{"catering": "Restaurant", "sales": "Grocery Store"}

// yearsSinceLastCap is where the ranker's table caps the time since the last inspection.
const yearsSinceLastCap = 2

// targetBusiness is a business as the ranker sees it: where it is, what it is, since when it
// has been licensed, and its record, oldest first.
type targetBusiness struct {
	id       int64
	station  int64
	category string
	name     string
	lat, lng float64
	licensed time.Time // zero when the registry does not know
	events   []Event
}

// inspectionRows appends to out a row for each inspection of b on or after from and before
// to, labelled with whether it found b non-compliant.
func (b *targetBusiness) inspectionRows(out []targeting.Inspection, from, to time.Time) []targeting.Inspection {
	var previous *Event
	for i := range b.events {
		e := &b.events[i]
		if e.Kind != EventInspection {
			continue
		}
		if day := civilDay(e.On); !day.Before(from) && day.Before(to) {
			row := b.row(b.rowID(len(out)), day, previous)
			row.Critical = e.Result == ResultNonCompliant
			row.Violation = row.Critical
			out = append(out, row)
		}
		previous = e
	}
	return out
}

// next is the row of b's next inspection, scored on day: what its record says by then.
func (b *targetBusiness) next(day time.Time) targeting.Inspection {
	var previous *Event
	for i := range b.events {
		if e := &b.events[i]; e.Kind == EventInspection && civilDay(e.On).Before(day) {
			previous = e
		}
	}
	return b.row(strconv.FormatInt(b.id, 10), day, previous)
}

func (b *targetBusiness) rowID(n int) string {
	return strconv.FormatInt(b.id, 10) + "-" + strconv.Itoa(n)
}

// row is an inspection of b on day after the previous one (nil: none on record). The ranker
// learns the area's recent record from the station, which stands for the zip code of its
// table; what the city does not measure (weather, nuisance densities) is unknown.
func (b *targetBusiness) row(id string, day time.Time, previous *Event) targeting.Inspection {
	in := targeting.Inspection{
		ID: id, License: strconv.FormatInt(b.id, 10), Date: day,
		FacilityType: facilityTypes[b.category], Zip: strconv.FormatInt(b.station, 10), Name: b.name,
		Latitude: b.lat, Longitude: b.lng, LicenceStart: b.licensed, LicenceAgeYears: math.NaN(),
		TempMax: math.NaN(), HeatBurglary: math.NaN(), HeatSanitation: math.NaN(), HeatGarbage: math.NaN(),
		FirstRecord: previous == nil,
	}
	if !b.licensed.IsZero() {
		in.LicenceAgeYears = yearsFrom(b.licensed, day)
	}
	if previous != nil {
		failed := indicator(previous.Result == ResultNonCompliant)
		in.PastFail, in.PastCritical, in.PastSerious = failed, failed, failed
		in.PastMinor = indicator(previous.Result == ResultBasic)
		in.YearsSinceLast = min(yearsFrom(civilDay(previous.On), day), yearsSinceLastCap)
	}
	return in
}

func yearsFrom(from, to time.Time) float64 { return to.Sub(from).Hours() / 24 / 365.25 }

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
