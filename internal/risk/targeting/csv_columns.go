package targeting

// licenceFlagColumns are the other licences held at the address in Chicago's table; each is 0 or 1.
var licenceFlagColumns = []string{
	"consumption_on_premises_incidental_activity", "tobacco_retail_over_counter",
	"limited_business_license", "package_goods", "outdoor_patio", "public_place_of_amusement",
	"tavern", "retail_food_establishment", "caterers_liquor_license", "filling_station",
}

// requiredColumns must be in the header; a row without a value there is refused.
var requiredColumns = append([]string{
	"inspection_id", "license_", "inspection_date", "criticalFound", "results", "seriousCount", "facility_type", "risk",
	"pastFail", "pastCritical", "pastSerious", "pastMinor", "timeSinceLast", "firstRecord",
	"ageAtInspection",
}, licenceFlagColumns...)

// optionalColumns must be in the header, but a row may say NA (or leave the cell empty): the
// value becomes NaN (or a zero date) and the model treats it as unknown.
var optionalColumns = []string{
	"license_start_date", "doing_business_as_name", "zip_code", "latitude", "longitude", "temperatureMax",
	"heat_burglary", "heat_sanitation", "heat_garbage",
}

// isMissing reports whether a cell holds no value: R writes NA, other tools leave it empty.
func isMissing(cell string) bool {
	return cell == "" || cell == "NA"
}
