package registry

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
)

var phonePattern = regexp.MustCompile(`^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$`)

// Normalize trims the input and upper-cases the codes, so that "  91330…x " is accepted.
func (in *BusinessInput) Normalize() {
	in.USCC = strings.ToUpper(strings.TrimSpace(in.USCC))
	in.LicenceNo = strings.ToUpper(strings.TrimSpace(in.LicenceNo))
	for _, s := range []*string{&in.Name, &in.Kind, &in.LicenceIssued, &in.LicenceExpiry, &in.LegalRep, &in.Phone, &in.Address} {
		*s = strings.TrimSpace(*s)
	}
	in.Category = CategoryCode(strings.TrimSpace(string(in.Category)))
}

// validated is a BusinessInput whose own fields are consistent; the store still checks what
// needs the database (station, grid, market, coordinates inside the district, duplicates).
type validated struct {
	BusinessInput
	issued, expiry *time.Time
	districtID     int64 // set by the placement check
}

// Validate checks every field that needs no database and reports all broken rules at once.
func (in BusinessInput) Validate() (validated, error) {
	in.Normalize()
	var c apperr.Collector
	v := validated{BusinessInput: in}
	if r := USCCRule(in.USCC); r != "" {
		c.Add("uscc", r, nil)
	}
	requireText(&c, "name", in.Name, 100)
	requireText(&c, "address", in.Address, 200)
	optionalText(&c, "legal_rep", in.LegalRep, 50)
	cat, ok := CategoryByCode(in.Category)
	switch {
	case !ok:
		c.Add("category", "one_of", map[string]any{"values": strings.Join(CategoryCodes(), ", ")})
	default:
		if in.Kind != "" && !cat.HasKind(in.Kind) {
			c.Add("kind", "one_of", map[string]any{"values": strings.Join(cat.Kinds, ", ")})
		}
		if r := LicenceRule(cat, in.Kind, in.LicenceNo); r != "" {
			c.Add("licence_no", r, nil)
		}
		checkMarket(&c, cat, in.MarketID)
	}
	if in.Phone != "" && !phonePattern.MatchString(in.Phone) {
		c.Add("phone", "phone_format", nil)
	}
	v.issued = parseDate(&c, "licence_issued", in.LicenceIssued)
	v.expiry = parseDate(&c, "licence_expiry", in.LicenceExpiry)
	if v.issued != nil && v.expiry != nil && !v.expiry.After(*v.issued) {
		c.Add("licence_expiry", "expiry_after_issue", nil)
	}
	if in.StationID <= 0 {
		c.Add("station_id", "required", nil)
	}
	checkCoordinates(&c, in.Lat, in.Lng)
	checkScale(&c, in)
	return v, c.Err()
}

func checkMarket(c *apperr.Collector, cat Category, marketID *int64) {
	if cat.Code == CategoryStall && marketID == nil {
		c.Add("market_id", "stall_needs_market", nil)
	}
	if cat.Code != CategoryStall && marketID != nil {
		c.Add("market_id", "only_stalls_have_market", nil)
	}
}

func checkCoordinates(c *apperr.Collector, lat, lng float64) {
	// Mainland China's bounding box; the store then checks the district.
	if lat < 18 || lat > 54 {
		c.Add("lat", "latitude_range", nil)
	}
	if lng < 73 || lng > 135 {
		c.Add("lng", "longitude_range", nil)
	}
}

func checkScale(c *apperr.Collector, in BusinessInput) {
	if in.FloorArea < 0 {
		c.Add("floor_area", "min", map[string]any{"min": 0})
	}
	counts := []struct {
		field string
		n     int
	}{{"product_count", in.ProductCount}, {"daily_diners", in.DailyDiners}, {"supplier_count", in.SupplierCount}, {"employee_count", in.EmployeeCount}}
	for _, f := range counts {
		if f.n < 0 {
			c.Add(f.field, "min", map[string]any{"min": 0})
		}
	}
}

func requireText(c *apperr.Collector, field, s string, max int) {
	if s == "" {
		c.Add(field, "required", nil)
		return
	}
	optionalText(c, field, s, max)
}

func optionalText(c *apperr.Collector, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		c.Add(field, "too_long", map[string]any{"max": max})
	}
}

// parseDate reads an optional YYYY-MM-DD date.
func parseDate(c *apperr.Collector, field, s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		c.Add(field, "date", nil)
		return nil
	}
	return &t
}
