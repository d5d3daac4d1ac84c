package risk

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestStoredGradeReadsBackAsGraded: a grading encoded as a grade row keeps it and decoded
// again is the Result that was graded, to the byte of its JSON (what the grade page and the
// API show), for demo businesses of every sector and record under both schemes, on a day
// given in UTC, on one given in Beijing time to the nanosecond, and on one before the
// full-checklist rule.
func TestStoredGradeReadsBackAsGraded(t *testing.T) {
	beijing := time.Date(2024, 6, 1, 23, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	beforeOrder49 := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC) // no full-checklist rule yet
	seen := map[string]int{}
	for _, schemes := range []Schemes{
		{Default: schemeAt(t, Scheme2016, gradingDay), Producers: schemeAt(t, Scheme2022Draft, gradingDay)},
		{Default: schemeAt(t, Scheme2016, beijing), Producers: schemeAt(t, Scheme2022Draft, beijing)},
		{Default: schemeAt(t, Scheme2016, beforeOrder49)},
	} {
		cite, lookup := numberSources(schemes)
		for _, in := range append(demoInputs(3000), codecInputs()...) {
			r, err := schemes.For(in.Factors.Sector).Grade(in)
			if err != nil {
				t.Fatal(err)
			}
			text, _, err := appendStored(nil, &r, cite, nil)
			if err != nil {
				t.Fatalf("encode business %d: %v", in.BusinessID, err)
			}
			back, err := decodeStored(r.BusinessID, string(text), lookup)
			if err != nil {
				t.Fatalf("decode business %d: %v\n%s", in.BusinessID, err, text)
			}
			want, got := mustJSON(t, r), mustJSON(t, back)
			if !bytes.Equal(want, got) {
				t.Fatalf("business %d reads back otherwise:\ngraded %s\nread   %s\nstored %s", in.BusinessID, want, got, text)
			}
			countFeatures(&r, seen)
		}
	}
	// The inputs must reach what the compact form has a rule for, or the test proves less.
	for _, f := range []string{"scheme 2016", "scheme 2022-draft", "part credit", "note cap", "note not_highest",
		"option", "adjustment applied", "adjustment not applied", "clean_record", "band below", "full checklist", "no full checklist"} {
		if seen[f] == 0 {
			t.Errorf("no grading had %s", f)
		}
	}
}

// codecInputs are businesses that reach the rarer parts of a grading: a cap, a listing, every
// raise at once, a licence category without points.
func codecInputs() []Input {
	var record []Event
	for _, k := range raiseTriggers {
		record = append(record, events(k, "", 2, 30)...)
	}
	record = append(record, events(EventInspection, ResultNonCompliant, 9, 20)...)
	return []Input{
		{BusinessID: 9001, Factors: producer("dairy", "meat", "infant_formula", "no_such_category"), Events: record},
		{BusinessID: 9002, Factors: StaticFactors{Sector: SectorSales, FloorArea: 12000, PrepackedAmbient: 9000,
			PrepackedChilled: 9000, PrepackedFrozen: 9000, BulkAmbient: 9000, BulkChilled: 9000, BulkFrozen: 9000, Suppliers: 900},
			Events: events(EventAbnormalOperation, "", 1, 40)},
		{BusinessID: 9003, Factors: StaticFactors{Sector: SectorCatering, CateringFormat: FormatGroupMeal, Diners: 5000,
			CateringClasses: CateringClasses}},
	}
}

func countFeatures(r *Result, seen map[string]int) {
	seen["scheme "+string(r.Scheme)]++
	for _, l := range r.Lines {
		seen["part "+l.Part]++
		seen["note "+l.Note]++
		if l.Option != "" {
			seen["option"]++
		}
	}
	for _, a := range r.Adjustments {
		seen[map[bool]string{true: "adjustment applied", false: "adjustment not applied"}[a.Applied]]++
		seen[a.Kind]++
	}
	if r.BandBelow != nil {
		seen["band below"]++
	}
	seen[map[bool]string{true: "full checklist", false: "no full checklist"}[r.Plan.FullChecklist != nil]]++
}

// numberSources numbers every source the schemes cite, as risk_grade_sources would.
func numberSources(schemes Schemes) (citations, func(int64) (*Source, error)) {
	cite, byNumber := citations{}, map[int64]*Source{}
	for _, src := range citedBy(schemes) {
		if _, ok := cite[src]; !ok {
			n := int64(len(byNumber) + 1)
			cite[src], byNumber[n] = n, src
		}
	}
	return cite, func(n int64) (*Source, error) {
		if src, ok := byNumber[n]; ok {
			return src, nil
		}
		return nil, errors.New("no such source")
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// everyFactor returns static factors with every field set, the lists to list; a field of a
// kind it does not know fails tb.
func everyFactor(tb testing.TB, list ...string) StaticFactors {
	tb.Helper()
	var all StaticFactors
	v := reflect.ValueOf(&all).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("s" + v.Type().Field(i).Name)
		case reflect.Int:
			f.SetInt(int64(i + 1))
		case reflect.Float64:
			f.SetFloat(float64(i) + 0.25)
		case reflect.Slice:
			f.Set(reflect.ValueOf(list))
		default:
			tb.Fatalf("field %s of kind %s: teach this test and factorField", v.Type().Field(i).Name, f.Kind())
		}
	}
	return all
}

// TestStoredFactorsReadBack: the factors kept in a stored grade, with every field set (a
// field added to StaticFactors and not to factorField fails here), with none, with texts
// not among storedWords, and for demo businesses, read back as they were.
func TestStoredFactorsReadBack(t *testing.T) {
	factors := []StaticFactors{everyFactor(t, "a", `b"c`), everyFactor(t, "冷藏", ""), {},
		{Sector: SectorSales, FloorArea: 2515.2, Suppliers: -3}, {Sector: SectorSales, FloorArea: 1e300}}
	for _, in := range demoInputs(200) {
		factors = append(factors, in.Factors)
	}
	for _, f := range factors {
		e := storedEncoder{}
		e.factors(&f)
		d := gradeDecoder{binReader: binReader{data: e.b}}
		var got StaticFactors
		d.factors(&got)
		if e.err != nil || d.err != nil || len(d.data) > 0 || !reflect.DeepEqual(mustJSON(t, got), mustJSON(t, f)) {
			t.Errorf("factors %+v read back as %+v (%v, %v, %d bytes left)", f, got, e.err, d.err, len(d.data))
		}
	}
}

// TestStoredNumbersReadBack: every number a grade keeps reads back to the bit, whether it
// is stored as an integer, a tenth or its bits.
func TestStoredNumbersReadBack(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 40, 0.5, -2.5, 19.4, 2515.2, 0.05, 1.0 / 3, 1 << 52,
		1<<53 + 2, -(1 << 60), 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1)} {
		e := storedEncoder{}
		e.num(v)
		d := gradeDecoder{binReader: binReader{data: e.b}}
		if got := d.num(); math.Float64bits(got) != math.Float64bits(v) || d.err != nil || len(d.data) > 0 {
			t.Errorf("%v stored as %x reads back as %v, %v", v, e.b, got, d.err)
		}
	}
}

// TestKeptGradesReadBack: grades kept in either compact form read back as they were, so
// that a change of the form that would misread the grades stored so far (a word of
// storedWords moved, say) fails here. Each file (gzip-compressed JSON lines) holds the
// sources its grades cite, then per line a stored grade and the SHA-256 of the JSON of the
// Result it was.
func TestKeptGradesReadBack(t *testing.T) {
	for _, name := range []string{"testdata/stored_format1.jsonl.gz", "testdata/stored_format2.jsonl.gz"} {
		t.Run(name, func(t *testing.T) {
			lines := mustGzipLines(t, name)
			var sources map[int64]*Source
			if err := json.Unmarshal(lines[0], &sources); err != nil {
				t.Fatal(err)
			}
			lookup := func(n int64) (*Source, error) {
				if src, ok := sources[n]; ok {
					return src, nil
				}
				return nil, errors.New("no such source")
			}
			for _, line := range lines[1:] {
				var g struct {
					BusinessID int64  `json:"business_id"`
					Stored     string `json:"stored"`
					Result     string `json:"result_sha256"`
				}
				if err := json.Unmarshal(line, &g); err != nil {
					t.Fatal(err)
				}
				r, err := decodeStored(g.BusinessID, g.Stored, lookup)
				if err != nil {
					t.Fatal(err)
				}
				if sum := sha256.Sum256(mustJSON(t, r)); hex.EncodeToString(sum[:]) != g.Result {
					t.Errorf("business %d reads back otherwise: %s", g.BusinessID, mustJSON(t, r))
				}
			}
			if len(lines) < 10 {
				t.Errorf("only %d stored grades to read", len(lines)-1)
			}
		})
	}
}

// mustGzipLines returns the lines of a gzip-compressed file.
func mustGzipLines(tb testing.TB, name string) [][]byte {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.Split(bytes.TrimSpace(data), []byte("\n"))
}

// TestDecodeStoredRefusesDamage: a damaged or foreign explanation, in either compact form,
// is an error naming the business, never a panic or a half-read grade.
func TestDecodeStoredRefusesDamage(t *testing.T) {
	schemes := Schemes{Default: mustScheme(t, Scheme2016)}
	cite, lookup := numberSources(schemes)
	r, err := schemes.Default.Grade(codecInputs()[1])
	if err != nil {
		t.Fatal(err)
	}
	good, raw, err := appendStored(nil, &r, cite, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeStored(r.BusinessID, string(good), lookup); err != nil {
		t.Fatal(err)
	}
	refused := []string{"", "!!", "[", "{}", `{"business_id":1}`, "[2]", `[1,"2016"`, `[1,"2016","x"]`,
		encoded(append([]byte{storedFormat + 1}, raw[1:]...)), encoded(append(raw[:len(raw):len(raw)], 0))}
	for n := range len(raw) - 1 { // cut short anywhere
		refused = append(refused, encoded(raw[:n]))
	}
	for _, text := range refused {
		if _, err := decodeStored(r.BusinessID, text, lookup); err == nil || !strings.Contains(err.Error(), "business 9002") {
			t.Errorf("%q decodes: %v", text, err)
		}
	}
	for i := range raw { // a byte changed reads as another grade, or not at all
		for _, b := range []byte{0x00, 0x7f, 0xff} {
			changed := append([]byte(nil), raw...)
			changed[i] ^= b | 1
			if back, err := decodeStored(r.BusinessID, encoded(changed), lookup); err == nil && bytes.Equal(mustJSON(t, back), mustJSON(t, r)) {
				t.Errorf("byte %d changed to %x reads as the grade", i, changed[i])
			}
		}
	}
	if _, _, err := appendStored(nil, &r, citations{}, nil); !errors.Is(err, errUncited) {
		t.Errorf("a source not numbered encodes: %v", err)
	}
}

func encoded(b []byte) string { return base64.RawStdEncoding.EncodeToString(b) }
