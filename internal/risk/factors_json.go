package risk

import (
	"encoding/json"
	"strconv"
)

// Static factors are stored as their JSON (risk_static_factors), and a recompute decodes a
// million of them: encoding/json, which goes by reflection, took more time at that than
// grading (BenchmarkDecodeFactors: 2.2 µs and 9 allocations a business, against 0.25 µs
// and none here, about 2 s of a recompute of a million on one core). decodeFactors reads the JSON that json.Marshal writes directly, from
// factorNames, and hands anything else (spaces, escapes, null, another spelling of a
// name) to json.Unmarshal. A stored grade keeps the factors too (grade_codec.go).

// factorNames are the JSON names of the fields of StaticFactors, in their order, the
// sector first; factorField gives the field of each.
var factorNames = [...]string{"sector", "floor_area", "prepacked_ambient", "prepacked_chilled", "prepacked_frozen",
	"bulk_ambient", "bulk_chilled", "bulk_frozen", "suppliers", "catering_format", "diners", "catering_classes",
	"health_material", "health_formula", "health_function", "unsuitable_groups", "health_storage",
	"product_categories"}

// factorField returns a pointer to field i of f, named factorNames[i]. A switch rather than
// a table of functions: f stays where it is, where a call through a function value would
// move it, and the grading holding it, to the heap.
func factorField(f *StaticFactors, i int) any {
	switch i {
	case 0:
		return &f.Sector
	case 1:
		return &f.FloorArea
	case 2:
		return &f.PrepackedAmbient
	case 3:
		return &f.PrepackedChilled
	case 4:
		return &f.PrepackedFrozen
	case 5:
		return &f.BulkAmbient
	case 6:
		return &f.BulkChilled
	case 7:
		return &f.BulkFrozen
	case 8:
		return &f.Suppliers
	case 9:
		return &f.CateringFormat
	case 10:
		return &f.Diners
	case 11:
		return &f.CateringClasses
	case 12:
		return &f.HealthMaterial
	case 13:
		return &f.HealthFormula
	case 14:
		return &f.HealthFunction
	case 15:
		return &f.UnsuitableGroups
	case 16:
		return &f.HealthStorage
	case 17:
		return &f.ProductCategories
	}
	return nil
}

// factorEmpty reports whether a field (factorField) is empty (omitempty), which the
// sector, the one field without omitempty, never is.
func factorEmpty(field any) bool {
	switch v := field.(type) {
	case *float64:
		return *v == 0
	case *int:
		return *v == 0
	case *string:
		return *v == ""
	case *[]string:
		return len(*v) == 0
	}
	return false
}

// decodeFactors decodes the JSON of static factors into f, as json.Unmarshal does into
// empty factors.
func decodeFactors(data string, f *StaticFactors) error {
	*f = StaticFactors{}
	if r := (factorsReader{s: data}); r.object(f) {
		return nil
	}
	*f = StaticFactors{}
	return json.Unmarshal([]byte(data), f)
}

// factorsReader reads the JSON of static factors as json.Marshal writes it.
type factorsReader struct {
	s string
	i int
}

// object reads the whole text into f, reporting whether it was an object of the fields as
// json.Marshal writes them, in the order of factorNames.
func (r *factorsReader) object(f *StaticFactors) bool {
	if !r.skip('{') {
		return false
	}
	k := 0 // the field the next name is looked for from
	for first := true; !r.skip('}'); first = false {
		if !first && !r.skip(',') {
			return false
		}
		name, ok := r.str()
		for k < len(factorNames) && factorNames[k] != name {
			k++
		}
		if !ok || k == len(factorNames) || !r.skip(':') || !r.value(factorField(f, k)) {
			return false
		}
		k++
	}
	return r.i == len(r.s)
}

func (r *factorsReader) value(v any) bool {
	var err error
	ok := true
	switch v := v.(type) {
	case *Sector:
		var s string
		s, ok = r.str()
		*v = Sector(s)
	case *string:
		*v, ok = r.str()
	case *float64:
		*v, err = strconv.ParseFloat(r.number(true), 64)
	case *int:
		*v, err = strconv.Atoi(r.number(false))
	case *[]string:
		*v, ok = r.list()
	}
	return ok && err == nil
}

func (r *factorsReader) skip(c byte) bool {
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

// str reads a string of printable ASCII without escapes.
func (r *factorsReader) str() (string, bool) {
	if !r.skip('"') {
		return "", false
	}
	start := r.i
	for ; r.i < len(r.s); r.i++ {
		switch c := r.s[r.i]; {
		case c == '"':
			r.i++
			return r.s[start : r.i-1], true
		case c < 0x20 || c >= 0x7f || c == '\\':
			return "", false
		}
	}
	return "", false
}

// number reads a JSON number without an exponent, with a fraction when fraction is set: a
// minus, then 0 or digits not starting with 0, then a dot and digits. It returns "" for
// anything else, which no parser takes.
func (r *factorsReader) number(fraction bool) string {
	start := r.i
	r.skip('-')
	if !r.skip('0') && (r.i == len(r.s) || r.s[r.i] == '0' || !r.digits()) {
		return ""
	}
	if fraction && r.skip('.') && !r.digits() {
		return ""
	}
	return r.s[start:r.i]
}

// digits reads one or more digits.
func (r *factorsReader) digits() bool {
	start := r.i
	for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
		r.i++
	}
	return r.i > start
}

func (r *factorsReader) list() ([]string, bool) {
	if !r.skip('[') {
		return nil, false
	}
	out := []string{} // an empty list decodes as an empty slice, not nil
	for first := true; !r.skip(']'); first = false {
		if !first && !r.skip(',') {
			return nil, false
		}
		s, ok := r.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
