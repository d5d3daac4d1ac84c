package registry

import "regexp"

// Licence numbers (许可证编号): production licences are "SC" and 14 digits (食品生产许可管理办法
// art. 30: food-category code, province, city, county, serial, check); operation licences
// are "JY" and 14 digits whose first digit is the kind of operator (食品经营许可管理办法
// art. 26: 1 sales, 2 catering, 3 unit canteen). The three smalls hold provincial
// registration certificates (登记证/备案凭证) of free format.
var (
	productionLicence = regexp.MustCompile(`^SC\d{14}$`)
	operationLicence  = regexp.MustCompile(`^JY[123]\d{13}$`)
	filingNumber      = regexp.MustCompile(`^[\p{Han}A-Za-z0-9（）()〔〕\[\]\-]{4,40}$`)
)

// LicenceRule returns the rule key that licence number no breaks for a business of category
// c and kind, or "" when it is valid.
func LicenceRule(c Category, kind, no string) string {
	switch c.Licence {
	case LicenceProduction:
		if !productionLicence.MatchString(no) {
			return "licence_sc_format"
		}
	case LicenceOperation:
		if !operationLicence.MatchString(no) {
			return "licence_jy_format"
		}
		if want := operationDigit(c, kind); want != 0 && no[2] != want {
			return "licence_jy_kind"
		}
	case LicenceFiling:
		if no != "" && !filingNumber.MatchString(no) {
			return "licence_filing_format"
		}
	case LicenceNone:
		if no != "" && !filingNumber.MatchString(no) {
			return "licence_filing_format"
		}
	}
	return ""
}

// operationDigit is the operator-kind digit a JY number must carry, or 0 when any is fine.
func operationDigit(c Category, kind string) byte {
	switch {
	case c.Code == CategorySales || c.Code == CategoryMarket:
		return '1'
	case c.Code == CategoryCatering && (kind == "school_canteen" || kind == "unit_canteen"):
		return '3'
	case c.Code == CategoryCatering:
		return '2'
	}
	return 0
}
