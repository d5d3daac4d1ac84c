package risk

import (
	"bytes"
	"encoding/json"
	"errors"
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
			text, err := appendStored(nil, &r, cite)
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

// TestStoredFactorsAreTheirJSON holds the hand-written encoder of the factors to
// encoding/json: with every field set (a field added to StaticFactors and not to the
// encoder fails here), with none, and for demo businesses.
func TestStoredFactorsAreTheirJSON(t *testing.T) {
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
			f.Set(reflect.ValueOf([]string{"a", "b\"c"}))
		default:
			t.Fatalf("field %s of kind %s: teach this test and the encoder", v.Type().Field(i).Name, f.Kind())
		}
	}
	factors := []StaticFactors{all, {}}
	for _, in := range demoInputs(200) {
		factors = append(factors, in.Factors)
	}
	for _, f := range factors {
		e := storedEncoder{}
		e.factors(&f)
		if want := mustJSON(t, f); !bytes.Equal(e.b, want) {
			t.Errorf("factors encode as\n%s\nwant\n%s", e.b, want)
		}
	}
}

// TestDecodeStoredRefusesDamage: a damaged or foreign explanation is an error naming the
// business, never a panic or a half-read grade.
func TestDecodeStoredRefusesDamage(t *testing.T) {
	schemes := Schemes{Default: mustScheme(t, Scheme2016)}
	cite, lookup := numberSources(schemes)
	r, err := schemes.Default.Grade(demoInputs(1)[0])
	if err != nil {
		t.Fatal(err)
	}
	good, err := appendStored(nil, &r, cite)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"", "{}", `{"business_id":1}`, "[2]", `[1,"2016"`, string(good[:len(good)/2]),
		strings.Replace(string(good), `[1,`, `[9,`, 1), strings.Replace(string(good), `["static",[`, `["static",[99999,0,0],[`, 1),
		strings.Replace(string(good), `["static",`, `[`, 1), strings.Replace(string(good), `"A","A"`, `"A",7`, 1)} {
		if _, err := decodeStored(r.BusinessID, text, lookup); err == nil || !strings.Contains(err.Error(), "business 1") {
			t.Errorf("%q decodes: %v", text, err)
		}
	}
	if _, err := appendStored(nil, &r, citations{}); !errors.Is(err, errUncited) {
		t.Errorf("a source not numbered encodes: %v", err)
	}
}
