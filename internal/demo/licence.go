package demo

import (
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// baseDate is "today" in the demo city: generated dates lie before it, and the org tree and
// staff were entered on it.
var (
	baseDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	baseTime = baseDate
)

// licenceYears is the validity of a food production or operation licence (5 years).
const licenceYears = 5

// scCategory is the food-category code (食品类别编号) that opens an SC number, by kind.
var scCategory = map[string]string{
	"grain": "101", "condiment": "103", "meat": "104", "dairy": "105", "beverage": "106",
	"frozen": "111", "other": "116", "bakery": "124",
	"health_food": "127", "medical_formula": "128", "infant_formula": "129",
}

// filingWords name the registration certificates of the three smalls (三小).
var filingWords = map[registry.CategoryCode]string{
	registry.CategorySmallWorkshop: "食品小作坊登字",
	registry.CategorySmallEatery:   "小餐饮登字",
	registry.CategoryStreetVendor:  "食品摊贩登字",
}

// licences numbers licences with a serial per district and licence type, so that no two
// businesses share a number.
type licences struct {
	next map[string]int
}

func newLicences() *licences { return &licences{next: map[string]int{}} }

func (l *licences) serial(prefix string) int {
	l.next[prefix]++
	return l.next[prefix]
}

// number returns the licence or filing number of a business of category c and kind in
// district, issued on issued; stalls have none.
func (l *licences) number(c registry.Category, kind string, district *unit, issued time.Time) string {
	switch c.Licence {
	case registry.LicenceProduction:
		digits := scCategory[kind] + district.code
		return "SC" + withCheck(fmt.Sprintf("%s%04d", digits, l.serial("SC"+digits)))
	case registry.LicenceOperation:
		digits := operationDigit(c.Code, kind) + district.code
		return "JY" + withCheck(fmt.Sprintf("%s%06d", digits, l.serial("JY"+digits)))
	case registry.LicenceFiling:
		word := filingWords[c.Code]
		return fmt.Sprintf("%s%s〔%d〕第%s%05d号", cityShort, word, issued.Year(), district.code[4:], l.serial(word+district.code))
	}
	return ""
}

// operationDigit is the operator kind of a JY number: 1 sales, 2 catering, 3 unit canteen.
func operationDigit(c registry.CategoryCode, kind string) string {
	switch {
	case c != registry.CategoryCatering:
		return "1"
	case kind == "school_canteen" || kind == "unit_canteen":
		return "3"
	}
	return "2"
}

// withCheck appends a Luhn check digit; the licensing rules do not publish theirs.
func withCheck(digits string) string {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return digits + string(byte('0'+(10-sum%10)%10))
}

// licenceDates returns an issue date in the last five years and a quarter, so that some
// licences have expired and some expire soon; fresh ones were issued within the last year.
func licenceDates(r rng, fresh bool) (issued, expiry time.Time) {
	days := r.IntN(licenceYears*365 + 90)
	if fresh {
		days = r.IntN(365)
	}
	issued = baseDate.AddDate(0, 0, -1-days)
	return issued, issued.AddDate(licenceYears, 0, -1)
}
