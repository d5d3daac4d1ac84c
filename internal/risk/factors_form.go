package risk

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// The kinds of input of the factors form.
const (
	inputNumber  = "number"  // an area
	inputInt     = "int"     // a count
	inputOption  = "option"  // one of Options
	inputOptions = "options" // any of Options
)

// formField is one input of the factors form: a static factor by its JSON name (its form
// field; its errors are "risk_"+Name), the kind of input and, for a choice, the options.
type formField struct {
	Name, Input string
	Options     []string
}

// sectorFields are the inputs of each sector's static scoring table
// (静态风险因素量化分值表), in the table's order: the form shows only the chosen sector's,
// and reads only those.
var sectorFields = map[Sector][]formField{
	SectorSales: {{"floor_area", inputNumber, nil}, {"prepacked_ambient", inputInt, nil}, {"prepacked_chilled", inputInt, nil},
		{"prepacked_frozen", inputInt, nil}, {"bulk_ambient", inputInt, nil}, {"bulk_chilled", inputInt, nil},
		{"bulk_frozen", inputInt, nil}, {"suppliers", inputInt, nil}},
	SectorCatering: {{"catering_format", inputOption, []string{FormatRestaurant, FormatCanteen, FormatGroupMeal}},
		{"floor_area", inputNumber, nil}, {"diners", inputInt, nil}, {"catering_classes", inputOptions, CateringClasses}},
	SectorHealthFood: {{"health_material", inputOption, HealthMaterials}, {"health_formula", inputOption, HealthFormulas},
		{"health_function", inputOption, HealthFunctions}, {"health_storage", inputOption, HealthStorages},
		{"unsuitable_groups", inputInt, nil}},
	SectorProduction: {{"product_categories", inputOptions, ProductionCategories}},
}

// factorsForm is the factors form as typed, kept to show it again when refused: the
// sector and, by field name, the text typed or the options ticked.
type factorsForm struct {
	Sector string
	Values map[string]string
	Ticked map[string][]string
}

// Fields are the inputs of the form's sector (none before a sector is chosen).
func (f factorsForm) Fields() []formField { return sectorFields[Sector(f.Sector)] }

// Has reports whether option is ticked in field.
func (f factorsForm) Has(field, option string) bool { return slices.Contains(f.Ticked[field], option) }

// factorsFormOf reads the posted form: the sector and that sector's inputs only.
func factorsFormOf(r *http.Request) factorsForm {
	f := factorsForm{Sector: web.FormValue(r, "sector"), Values: map[string]string{}, Ticked: map[string][]string{}}
	for _, in := range f.Fields() {
		if in.Input == inputOptions {
			f.Ticked[in.Name] = r.PostForm[in.Name]
		} else {
			f.Values[in.Name] = web.FormValue(r, in.Name)
		}
	}
	return f
}

// formOf is the form prefilled with factors s, shown for sector (s's own when "" or not
// a sector); the inputs of another sector than s's start empty.
func formOf(s StaticFactors, sector string) factorsForm {
	if _, ok := sectorFields[Sector(sector)]; !ok {
		sector = string(s.Sector)
	}
	f := factorsForm{Sector: sector, Values: map[string]string{}, Ticked: map[string][]string{}}
	if sector != string(s.Sector) {
		return f
	}
	for _, in := range f.Fields() {
		switch v := factorField(&s, factorIndex(in.Name)).(type) {
		case *float64:
			f.Values[in.Name] = nonZero(*v != 0, strconv.FormatFloat(*v, 'f', -1, 64))
		case *int:
			f.Values[in.Name] = nonZero(*v != 0, strconv.Itoa(*v))
		case *string:
			f.Values[in.Name] = *v
		case *[]string:
			f.Ticked[in.Name] = *v
		}
	}
	return f
}

// nonZero is s when set, else "": an absent item (0) shows as an empty input.
func nonZero(set bool, s string) string {
	if set {
		return s
	}
	return ""
}

// factors are the static factors the form gives. A number that is none is a field error
// here; every other rule is the service's (StaticFactors.Validate).
func (f factorsForm) factors() (StaticFactors, error) {
	var c apperr.Collector
	s := StaticFactors{Sector: Sector(f.Sector)}
	for _, in := range f.Fields() {
		switch p := factorField(&s, factorIndex(in.Name)).(type) {
		case *float64:
			*p = web.FormNumber(&c, "risk_"+in.Name, f.Values[in.Name])
		case *int:
			*p = int(web.FormInt(&c, "risk_"+in.Name, f.Values[in.Name]))
		case *string:
			*p = f.Values[in.Name]
		case *[]string:
			*p = f.Ticked[in.Name]
		}
	}
	return s, c.Err()
}

// factorIndex is the position of the factor named name in factorNames.
func factorIndex(name string) int { return slices.Index(factorNames[:], name) }
