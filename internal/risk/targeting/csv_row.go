package targeting

// inspection reads one row and returns the error of its first bad cell; every cell is read
// regardless, so the body stays a plain list of columns.
func (c cellReader) inspection() (Inspection, error) {
	var in Inspection
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	num := func(column string, min float64) float64 {
		v, err := c.number(column, min)
		keep(err)
		return v
	}
	opt := func(column string) float64 {
		v, err := c.optionalNumber(column)
		keep(err)
		return v
	}
	var err error
	in.ID, err = c.text("inspection_id")
	keep(err)
	in.License = c.cell("license_")
	in.Date, err = c.date("inspection_date")
	keep(err)
	in.Critical, err = c.flag("criticalFound")
	keep(err)
	results, err := c.text("results")
	keep(err)
	in.Violation = num("seriousCount", 0) > 0 || results == "Fail"
	in.FacilityType, err = c.text("facility_type")
	keep(err)
	in.Risk = c.cell("risk")
	in.PastFail = num("pastFail", 0)
	in.PastCritical = num("pastCritical", 0)
	in.PastSerious = num("pastSerious", 0)
	in.PastMinor = num("pastMinor", 0)
	in.YearsSinceLast = num("timeSinceLast", 0)
	in.FirstRecord, err = c.flag("firstRecord")
	keep(err)
	in.LicenceAgeYears = num("ageAtInspection", 0)
	in.LicenceFlags = make(map[string]float64, len(licenceFlagColumns))
	for _, col := range licenceFlagColumns {
		on, err := c.flag(col)
		keep(err)
		if on {
			in.LicenceFlags[col] = 1
		}
	}
	in.LicenceStart, err = c.optionalDate("license_start_date")
	keep(err)
	if name := c.cell("doing_business_as_name"); !isMissing(name) {
		in.Name = name
	}
	if zip := c.cell("zip_code"); !isMissing(zip) {
		in.Zip = zip
	}
	in.Latitude, in.Longitude = opt("latitude"), opt("longitude")
	in.TempMax = opt("temperatureMax")
	in.HeatBurglary, in.HeatSanitation, in.HeatGarbage = opt("heat_burglary"), opt("heat_sanitation"), opt("heat_garbage")
	return in, first
}
