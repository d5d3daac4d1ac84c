package risk

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"
)

// decodeStored reads back the Result of business id from its compact form (grade_codec.go),
// or the JSON form of a grade stored before it (grade_decode_json.go), source numbers
// turned into sources by lookup.
func decodeStored(id int64, text string, lookup func(int64) (*Source, error)) (Result, error) {
	if strings.HasPrefix(text, "[") { // never the first character of the base64 of storedFormat
		return decodeStoredJSON(id, text, lookup)
	}
	r, err := decodeBinary(text, lookup)
	r.BusinessID = id
	if err != nil {
		return r, fmt.Errorf("decode grade of business %d: %w", id, err)
	}
	return r, nil
}

func decodeBinary(text string, lookup func(int64) (*Source, error)) (Result, error) {
	r := Result{Lines: []Line{}} // a grading always has its list of lines, if empty
	data, err := base64.RawStdEncoding.DecodeString(text)
	if err != nil {
		return r, err
	}
	d := gradeDecoder{binReader: binReader{data: data}, lookup: lookup}
	if format := d.byte(); d.err == nil && format != storedFormat {
		return r, fmt.Errorf("format %d, want %d", format, storedFormat)
	}
	r.Scheme = SchemeName(d.str())
	r.At = d.time()
	d.factors(&r.Factors)
	r.Static, r.Dynamic, r.Credit, r.Total = d.num(), d.num(), d.num(), d.num()
	r.Scored, r.Grade = Grade(d.str()), Grade(d.str())
	r.Band, r.BandBelow = d.source(), d.source()
	r.Lines = d.lines(r.Lines)
	for range d.count() {
		a := Adjustment{Kind: d.str(), Count: int(d.num()), Steps: int(d.num())}
		a.Applied, a.Source = d.flag(), d.source()
		r.Adjustments = append(r.Adjustments, a)
	}
	d.plan(&r.Plan)
	if d.err == nil && len(d.data) > 0 {
		d.fail(fmt.Errorf("%d bytes after the grade", len(d.data)))
	}
	return r, d.err
}

// gradeDecoder reads the binary compact form of a grade.
type gradeDecoder struct {
	binReader
	lookup func(int64) (*Source, error)
}

// count reads how many of something follow, each at least a byte.
func (d *gradeDecoder) count() uint64 {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.data)) {
		d.fail(fmt.Errorf("%d items in %d bytes", n, len(d.data)))
	}
	if d.err != nil {
		return 0
	}
	return n
}

func (d *gradeDecoder) flag() bool {
	b := d.byte()
	if b > 1 {
		d.fail(fmt.Errorf("flag %d", b))
	}
	return b == 1
}

func (d *gradeDecoder) str() string {
	n := d.uvarint()
	if n < uint64(len(storedWords)) {
		return storedWords[n]
	}
	return string(d.bytes(n - uint64(len(storedWords))))
}

func (d *gradeDecoder) num() float64 {
	u := d.uvarint()
	n := int64(u>>numTagBits>>1) ^ -int64(u>>numTagBits&1) // zigzag undone
	switch u & (1<<numTagBits - 1) {
	case numInteger:
		return float64(n)
	case numTenths:
		if n%10 == 0 {
			d.fail(fmt.Errorf("an integer stored as %d tenths", n))
		}
		return float64(n) / 10
	case numFloat:
		if u != numFloat {
			d.fail(fmt.Errorf("float tagged %d", u))
		}
		if b := d.bytes(8); b != nil {
			return math.Float64frombits(binary.LittleEndian.Uint64(b))
		}
	default:
		d.fail(fmt.Errorf("number tagged %d", u))
	}
	return 0
}

func (d *gradeDecoder) time() time.Time {
	t, offset := d.unixTime(), d.varint()
	if offset != 0 {
		t = t.In(time.FixedZone("", int(offset)))
	}
	return t
}

func (d *gradeDecoder) source() *Source {
	n := d.uvarint()
	if n == 0 || d.err != nil {
		return nil
	}
	src, err := d.lookup(int64(n))
	if err != nil {
		d.fail(err)
	}
	return src
}

// lines appends the runs of lines.
func (d *gradeDecoder) lines(lines []Line) []Line {
	for range d.count() {
		part := d.str()
		if part == "" {
			d.fail(fmt.Errorf("a run of lines without its part"))
		}
		for range d.count() {
			l := Line{Part: part, Source: d.source()}
			l.Value, l.Points = d.num(), d.num()
			texts := lineTextDefaults
			set := d.byte()
			if set >= 1<<len(texts) {
				d.fail(fmt.Errorf("line texts %b", set))
			}
			for i := range texts {
				if set&(1<<i) != 0 {
					texts[i] = d.str()
				}
			}
			l.Factor, l.Option, l.Note = untail(texts[0], l.Source), untail(texts[1], l.Source), texts[2]
			lines = append(lines, l)
		}
	}
	return lines
}

func (d *gradeDecoder) plan(p *Plan) {
	p.MinInspections, p.MaxInspections, p.Frequency = d.num(), d.num(), d.source()
	if d.flag() {
		due := d.time()
		p.FullChecklist = &due
	}
	p.FullNextYear, p.FullSource = d.flag(), d.source()
	p.Priority, p.PrioritySource = d.flag(), d.source()
}

// factors reads the factors as storedEncoder.factors writes them.
func (d *gradeDecoder) factors(f *StaticFactors) {
	f.Sector = Sector(d.str())
	set := d.uvarint()
	if set >= 1<<(len(factorNames)-1) {
		d.fail(fmt.Errorf("factors %b", set))
	}
	for i := 1; i < len(factorNames) && d.err == nil; i++ {
		if set&(1<<(i-1)) == 0 {
			continue
		}
		switch v := factorField(f, i).(type) {
		case *float64:
			*v = d.num()
		case *int:
			*v = int(d.varint())
		case *string:
			*v = d.str()
		case *[]string:
			list := make([]string, d.count())
			for j := range list {
				list[j] = d.str()
			}
			*v = list
		}
	}
}
