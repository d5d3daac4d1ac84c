package risk

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A stored grade keeps its explanation (a Result) in a compact form, since one recompute
// writes a million of them: the JSON of a Result repeats the legal basis of every rule it
// cites and is about nine times longer. The compact form is a JSON array,
//
//	[1, scheme, at, factors, [static, dynamic, credit, total], scored, grade, band, band_below,
//	 [[part, line, line, …], …], [adjustment, …], plan]
//
// where a source is its number in risk_grade_sources (grade_sources.go), 0 for none. Lines
// come in runs of one part, in the order graded. A line is [source, value, points, factor,
// option, note]: a factor or option is written "." when it is the last part of its source's
// rule key (risk.static_sales.area → area), as most are, and the trailing ones at their
// default ("." for the factor, "" for the others) are left out. An adjustment is [kind,
// count, steps, applied, source]; the plan is [min, max, frequency, full_checklist_due or
// null, full_next_year, full_source, priority, priority_source]. The business is the grade
// row's. Decoding gives back the Result that was encoded, to the bit.
const storedFormat = 1

// keyTail is what a factor or option equal to the last part of its source's key is stored as.
const keyTail = "."

// lineTextDefaults are the factor, option and note a stored line without them has.
var lineTextDefaults = [...]string{keyTail, "", ""}

// errUncited is wrapped when a grading cites a source that was not numbered for its
// schemes: a rule citedBy did not find, which must stop a recompute rather than fail every
// business quietly.
var errUncited = errors.New("source not numbered for the schemes")

// appendStored appends the compact form of r, its sources numbered by cite.
func appendStored(b []byte, r *Result, cite citations) ([]byte, error) {
	e := storedEncoder{b: b, cite: cite}
	e.open()
	e.num(storedFormat)
	e.str(string(r.Scheme))
	e.time(r.At)
	e.factors(&r.Factors)
	e.open()
	e.nums(r.Static, r.Dynamic, r.Credit, r.Total)
	e.close()
	e.str(string(r.Scored))
	e.str(string(r.Grade))
	e.source(r.Band)
	e.source(r.BandBelow)
	e.open()
	e.lines(r.Lines)
	e.close()
	e.open()
	for _, a := range r.Adjustments {
		e.open()
		e.str(a.Kind)
		e.nums(float64(a.Count), float64(a.Steps))
		e.flag(a.Applied)
		e.source(a.Source)
		e.close()
	}
	e.close()
	e.plan(&r.Plan)
	e.close()
	if e.err != nil {
		return nil, fmt.Errorf("encode grade of business %d: %w", r.BusinessID, e.err)
	}
	return e.b, nil
}

// lines appends the lines in runs of one part.
func (e *storedEncoder) lines(lines []Line) {
	for i, l := range lines {
		if i == 0 || l.Part != lines[i-1].Part {
			if i > 0 {
				e.close()
			}
			e.open()
			e.str(l.Part)
		}
		e.open()
		e.source(l.Source)
		e.nums(l.Value, l.Points)
		texts := [...]string{tailOf(l.Factor, l.Source), tailOf(l.Option, l.Source), l.Note}
		n := len(texts)
		for n > 0 && texts[n-1] == lineTextDefaults[n-1] {
			n--
		}
		for _, t := range texts[:n] {
			e.str(t)
		}
		e.close()
	}
	if len(lines) > 0 {
		e.close()
	}
}

func (e *storedEncoder) plan(p *Plan) {
	e.open()
	e.nums(p.MinInspections, p.MaxInspections)
	e.source(p.Frequency)
	if p.FullChecklist != nil {
		e.time(*p.FullChecklist)
	} else {
		e.value("null")
	}
	e.flag(p.FullNextYear)
	e.source(p.FullSource)
	e.flag(p.Priority)
	e.source(p.PrioritySource)
	e.close()
}

// factors appends f as encoding/json does, a million times faster than by reflection;
// TestStoredFactorsAreTheirJSON holds the two together.
func (e *storedEncoder) factors(f *StaticFactors) {
	e.value(`{"sector":`)
	e.b = appendString(e.b, string(f.Sector))
	for _, n := range [...]struct {
		name  string
		value float64
	}{{"floor_area", f.FloorArea}, {"prepacked_ambient", float64(f.PrepackedAmbient)},
		{"prepacked_chilled", float64(f.PrepackedChilled)}, {"prepacked_frozen", float64(f.PrepackedFrozen)},
		{"bulk_ambient", float64(f.BulkAmbient)}, {"bulk_chilled", float64(f.BulkChilled)},
		{"bulk_frozen", float64(f.BulkFrozen)}, {"suppliers", float64(f.Suppliers)}} {
		e.field(n.name, n.value, "", nil)
	}
	e.field("catering_format", 0, f.CateringFormat, nil)
	e.field("diners", float64(f.Diners), "", nil)
	e.field("catering_classes", 0, "", f.CateringClasses)
	e.field("health_material", 0, f.HealthMaterial, nil)
	e.field("health_formula", 0, f.HealthFormula, nil)
	e.field("health_function", 0, f.HealthFunction, nil)
	e.field("unsuitable_groups", float64(f.UnsuitableGroups), "", nil)
	e.field("health_storage", 0, f.HealthStorage, nil)
	e.field("product_categories", 0, "", f.ProductCategories)
	e.b = append(e.b, '}')
}

// field appends a factor that is not empty (omitempty): a number, a text or a list.
func (e *storedEncoder) field(name string, number float64, text string, list []string) {
	if number == 0 && text == "" && len(list) == 0 {
		return
	}
	e.b = append(append(append(e.b, `,"`...), name...), `":`...)
	switch {
	case number != 0:
		e.b = appendNumber(e.b, number)
	case text != "":
		e.b = appendString(e.b, text)
	default:
		e.b = append(e.b, '[')
		for i, t := range list {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.b = appendString(e.b, t)
		}
		e.b = append(e.b, ']')
	}
}

// storedEncoder appends the compact form, keeping the first error. Each value it appends
// into an array follows a comma unless it is the first.
type storedEncoder struct {
	b    []byte
	cite citations
	err  error
}

// value appends the start of a value, after a comma unless it opens its array.
func (e *storedEncoder) value(s string) {
	if n := len(e.b); n > 0 && e.b[n-1] != '[' {
		e.b = append(e.b, ',')
	}
	e.b = append(e.b, s...)
}

func (e *storedEncoder) open()  { e.value("[") }
func (e *storedEncoder) close() { e.b = append(e.b, ']') }

func (e *storedEncoder) num(v float64) {
	e.value("")
	e.b = appendNumber(e.b, v)
}

func (e *storedEncoder) nums(vs ...float64) {
	for _, v := range vs {
		e.num(v)
	}
}

func (e *storedEncoder) flag(v bool) { e.num(float64(boolInt(v))) }

func (e *storedEncoder) str(s string) {
	e.value("")
	e.b = appendString(e.b, s)
}

func (e *storedEncoder) time(t time.Time) {
	e.value(`"`)
	e.b = append(t.AppendFormat(e.b, time.RFC3339Nano), '"')
}

func (e *storedEncoder) source(s *Source) {
	var n int64
	if s != nil {
		var ok bool
		if n, ok = e.cite[s]; !ok && e.err == nil {
			e.err = fmt.Errorf("source %s %s: %w", s.Key, s.Ref, errUncited)
		}
	}
	e.num(float64(n))
}

// appendNumber appends v as JSON, exactly; points and counts are mostly whole, which
// formats faster as an integer.
func appendNumber(b []byte, v float64) []byte {
	if n := int64(v); float64(n) == v && n > -1<<53 && n < 1<<53 {
		return strconv.AppendInt(b, n, 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendString appends s as a JSON string; the names graded are plain ASCII, anything else
// goes through the JSON encoder.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			quoted, _ := json.Marshal(s) // a string always encodes
			return append(b, quoted...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// tailOf is text as stored: keyTail when it is the last part of the source's key.
func tailOf(text string, src *Source) string {
	if text != "" && src != nil && text == keyLast(src.Key) {
		return keyTail
	}
	return text
}

// keyLast is the last dot-separated part of a rule key.
func keyLast(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }
