package risk

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// A stored grade keeps its explanation (a Result) in a compact form, since one recompute
// writes a million of them and writing is most of its time: the JSON of a Result repeats
// the legal basis of every rule it cites and is about twenty times longer. The compact
// form is binary, in base64 without padding since the explanation columns are text, and
// reads in order:
//
//	format (storedFormat), scheme, at, factors, static, dynamic, credit, total, scored,
//	grade, band, band_below, runs of lines, adjustments, plan
//
// A source is its number in risk_grade_sources (grade_sources.go), 0 for none, as a varint.
// A number is a varint tagged in its low two bits: an integer, or a number of tenths
// (19.4), zigzag-encoded above the tag; or the eight bytes of the float that follow. A text is a varint: below len(storedWords) the
// word of that index, otherwise the length (less len(storedWords)) of the bytes that
// follow. A time is its Unix seconds, nanoseconds and zone offset in seconds. The factors
// are the sector, then a varint whose bit i-1 says that field i (factorField) is not
// empty, then those fields: numbers, counts (varints), texts and lists (a count, then the
// texts).
//
// Lines come in runs of one part, in the order graded: the number of runs, then for each
// the part, the number of its lines and the lines. A line is its source, value, points, a
// byte whose bit i says that text i (factor, option, note) is not at its default
// (lineTextDefaults), and those texts; a factor or option is keyTail when it is the last
// part of its source's rule key (risk.static_sales.area → area), as most are. Adjustments
// are their number, then each: kind, count, steps, applied (a byte), source. The plan is
// min, max, frequency, whether a full checklist is due (a byte) and when, full_next_year
// (a byte), full_source, priority (a byte), priority_source. The business is the grade
// row's. Decoding gives back the Result that was encoded, to the byte of its JSON.
//
// Grades stored before this form have the first compact form, a JSON array
// (grade_decode_json.go), which is read and never written.
const storedFormat = 2

// storedWords are the texts a stored grade names by a number: the schemes, grades, parts,
// notes, adjustment kinds and line defaults, and the names and options of the factors.
// Stored grades depend on their order, which therefore never changes (they are written
// out, not taken from the lists they come from): a word may only be added at the end.
var storedWords = [...]string{"", ".", "2016", "2022-draft", "A", "B", "C", "D", "static", "dynamic", "credit",
	"cap", "not_highest", "clean_record", "inspection", "sampling_failure", "penalty", "complaint",
	"intentional_violation", "incident", "recall_failure", "obstruction", "serious_dishonesty", "abnormal_operation",
	"sales", "catering", "health_food", "production", "class", "format", "category", "storage", "material",
	"function", "formula", "restaurant", "canteen", "group_meal", "cold", "raw", "pastry", "hot", "drinks", "other",
	"extract", "probiotic", "vitamin_mineral", "complex", "simple", "adulteration_prone", "ambient",
	"grain_wheat_rice", "grain_other", "edible_oil", "condiment", "meat", "dairy", "beverage", "convenience",
	"biscuit", "canned", "frozen_drink", "quick_frozen", "puffed", "candy", "tea", "liquor", "vegetable", "fruit",
	"nuts", "egg", "cocoa_coffee", "sugar", "aquatic", "starch", "soy", "bee", "medical_formula", "infant_formula",
	"special_diet", "additive"}

// The tags of a stored number.
const (
	numInteger = iota
	numTenths
	numFloat
	numTagBits = 2
)

// keyTail is what a factor or option equal to the last part of its source's key is stored as.
const keyTail = "."

// lineTextDefaults are the factor, option and note a stored line without them has.
var lineTextDefaults = [...]string{keyTail, "", ""}

// errUncited is wrapped when a grading cites a source that was not numbered for its
// schemes: a rule citedBy did not find, which must stop a recompute rather than fail every
// business quietly.
var errUncited = errors.New("source not numbered for the schemes")

// appendStored appends the compact form of r, its sources numbered by cite; scratch is a
// buffer it may reuse, which it returns.
func appendStored(b []byte, r *Result, cite citations, scratch []byte) (text, reused []byte, err error) {
	e := storedEncoder{b: append(scratch[:0], storedFormat), cite: cite}
	e.str(string(r.Scheme))
	e.time(r.At)
	e.factors(&r.Factors)
	e.nums(r.Static, r.Dynamic, r.Credit, r.Total)
	e.str(string(r.Scored))
	e.str(string(r.Grade))
	e.source(r.Band)
	e.source(r.BandBelow)
	e.lines(r.Lines)
	e.uvarint(uint64(len(r.Adjustments)))
	for _, a := range r.Adjustments {
		e.str(a.Kind)
		e.nums(float64(a.Count), float64(a.Steps))
		e.flag(a.Applied)
		e.source(a.Source)
	}
	e.plan(&r.Plan)
	if e.err != nil {
		return nil, e.b, fmt.Errorf("encode grade of business %d: %w", r.BusinessID, e.err)
	}
	return base64.RawStdEncoding.AppendEncode(b, e.b), e.b, nil
}

// lines appends the lines in runs of one part.
func (e *storedEncoder) lines(lines []Line) {
	runs := 0
	for i := range lines {
		if i == 0 || lines[i].Part != lines[i-1].Part {
			runs++
		}
	}
	e.uvarint(uint64(runs))
	for first := 0; first < len(lines); {
		end := first + 1
		for end < len(lines) && lines[end].Part == lines[first].Part {
			end++
		}
		if lines[first].Part == "" {
			e.fail(fmt.Errorf("a line without its part")) // which the decoder refuses
		}
		e.str(lines[first].Part)
		e.uvarint(uint64(end - first))
		for i := first; i < end; i++ {
			e.line(&lines[i])
		}
		first = end
	}
}

func (e *storedEncoder) line(l *Line) {
	e.source(l.Source)
	e.nums(l.Value, l.Points)
	texts := [...]string{tailOf(l.Factor, l.Source), tailOf(l.Option, l.Source), l.Note}
	var set byte
	for i, t := range texts {
		if t != lineTextDefaults[i] {
			set |= 1 << i
		}
	}
	e.b = append(e.b, set)
	for i, t := range texts {
		if set&(1<<i) != 0 {
			e.str(t)
		}
	}
}

func (e *storedEncoder) plan(p *Plan) {
	e.nums(p.MinInspections, p.MaxInspections)
	e.source(p.Frequency)
	e.flag(p.FullChecklist != nil)
	if p.FullChecklist != nil {
		e.time(*p.FullChecklist)
	}
	e.flag(p.FullNextYear)
	e.source(p.FullSource)
	e.flag(p.Priority)
	e.source(p.PrioritySource)
}

// factors appends the sector, which other fields are not empty, and those.
func (e *storedEncoder) factors(f *StaticFactors) {
	e.str(string(f.Sector))
	var set uint64
	for i := 1; i < len(factorNames); i++ {
		if !factorEmpty(factorField(f, i)) {
			set |= 1 << (i - 1)
		}
	}
	e.uvarint(set)
	for i := 1; i < len(factorNames); i++ {
		if set&(1<<(i-1)) == 0 {
			continue
		}
		switch v := factorField(f, i).(type) {
		case *float64:
			e.num(*v)
		case *int:
			e.b = binary.AppendVarint(e.b, int64(*v))
		case *string:
			e.str(*v)
		case *[]string:
			e.uvarint(uint64(len(*v)))
			for _, s := range *v {
				e.str(s)
			}
		default:
			e.fail(fmt.Errorf("factor %s of a type without a stored form", factorNames[i]))
		}
	}
}

// storedEncoder appends the binary compact form, keeping the first error.
type storedEncoder struct {
	b    []byte
	cite citations
	err  error
}

func (e *storedEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *storedEncoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

// num appends v tagged as the integer or tenth it is, or else as its bits.
func (e *storedEncoder) num(v float64) {
	const exact = 1 << 53 // the integers a float holds exactly, and so a tenth of one
	if math.Abs(v) < exact/10 && !(v == 0 && math.Signbit(v)) {
		if n := int64(v); float64(n) == v {
			e.uvarint(zigzag(n)<<numTagBits | numInteger)
			return
		}
		if n := int64(math.Round(v * 10)); float64(n)/10 == v {
			e.uvarint(zigzag(n)<<numTagBits | numTenths)
			return
		}
	}
	e.uvarint(numFloat)
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
}

func zigzag(n int64) uint64 { return uint64(n<<1) ^ uint64(n>>63) }

func (e *storedEncoder) nums(vs ...float64) {
	for _, v := range vs {
		e.num(v)
	}
}

func (e *storedEncoder) flag(v bool) { e.b = append(e.b, byte(boolInt(v))) }

// str appends s as the number of its word, or its length and bytes.
func (e *storedEncoder) str(s string) {
	if i, ok := storedWordNumbers[s]; ok {
		e.uvarint(uint64(i))
		return
	}
	e.uvarint(uint64(len(storedWords) + len(s)))
	e.b = append(e.b, s...)
}

// storedWordNumbers numbers storedWords.
var storedWordNumbers = func() map[string]int {
	m := make(map[string]int, len(storedWords))
	for i, w := range storedWords {
		m[w] = i
	}
	return m
}()

func (e *storedEncoder) time(t time.Time) {
	_, offset := t.Zone()
	e.b = binary.AppendVarint(appendUnixTime(e.b, t), int64(offset))
}

func (e *storedEncoder) source(s *Source) {
	var n int64
	if s != nil {
		var ok bool
		if n, ok = e.cite[s]; !ok {
			e.fail(fmt.Errorf("source %s %s: %w", s.Key, s.Ref, errUncited))
		}
	}
	e.uvarint(uint64(n))
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
