package risk

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestFactorsDecodeAsEncodingJSON holds decodeFactors to json.Unmarshal: the JSON that
// json.Marshal writes (every field set, none, demo businesses) is read without it, save
// strings with escapes, and anything else decodes, or fails, as json.Unmarshal has it.
func TestFactorsDecodeAsEncodingJSON(t *testing.T) {
	factors := []StaticFactors{everyFactor(t, "a", "b"), {}, {Sector: SectorCatering, CateringClasses: []string{}},
		{Sector: SectorSales, FloorArea: 0.05}, {Sector: SectorSales, FloorArea: -12.5, Suppliers: -3}}
	for _, in := range demoInputs(300) {
		factors = append(factors, in.Factors)
	}
	for _, f := range factors {
		data := string(mustJSON(t, f))
		var fast StaticFactors
		r := factorsReader{s: data}
		if !r.object(&fast) {
			t.Errorf("%s: not read as json.Marshal wrote it", data)
		}
		assertDecodesAsJSON(t, data)
	}
	for _, data := range []string{
		` {"sector":"sales"}`, `{"sector": "sales"}`, `{"sector":"sales"} `, `{"sector":"sa\u006ces"}`,
		`{"sector":"食品"}`, `{"Sector":"sales"}`, `{"sector":"sales","colour":"red"}`, `{"catering_classes":null}`,
		`{"floor_area":1e3}`, `{"floor_area":1.}`, `{"floor_area":.5}`, `{"floor_area":01}`, `{"floor_area":-0}`,
		`{"floor_area":+1}`, `{"suppliers":1.5}`, `{"suppliers":99999999999999999999}`, `{"suppliers":"3"}`,
		`{"product_categories":["meat",]}`, `{"product_categories":["meat" ,"dairy"]}`, `{"product_categories":[]}`,
		`{"sector":"sales","sector":"catering"}`, `{"product_categories":["a"],"product_categories":["b","c"]}`,
		string(mustJSON(t, everyFactor(t, "a", `b"c`))), `{}`, `{,}`, `{"sector":"sales",}`, `{"sector"}`, `[]`, ``, `null`, `{"sector":"sales"}x`,
	} {
		assertDecodesAsJSON(t, data)
	}
}

// assertDecodesAsJSON checks that decodeFactors gives what json.Unmarshal gives, or fails
// where it fails.
func assertDecodesAsJSON(t *testing.T, data string) {
	t.Helper()
	var want StaticFactors
	wantErr := json.Unmarshal([]byte(data), &want)
	var got StaticFactors
	err := decodeFactors(data, &got)
	switch {
	case (err != nil) != (wantErr != nil):
		t.Errorf("%s: error %v, json.Unmarshal's %v", data, err, wantErr)
	case err == nil && !reflect.DeepEqual(got, want):
		t.Errorf("%s: decoded %#v, json.Unmarshal gives %#v", data, got, want)
	}
}

// BenchmarkDecodeFactors decodes the stored factors of demo businesses, with decodeFactors
// and, for the baseline, with encoding/json.
func BenchmarkDecodeFactors(b *testing.B) {
	var stored []string
	for _, in := range demoInputs(1000) {
		stored = append(stored, string(mustJSON(b, in.Factors)))
	}
	for _, c := range []struct {
		name   string
		decode func(string, *StaticFactors) error
	}{
		{"decodeFactors", decodeFactors},
		{"encoding-json", func(s string, f *StaticFactors) error { return json.Unmarshal([]byte(s), f) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var f StaticFactors
			for i := 0; b.Loop(); i++ {
				f = StaticFactors{}
				if err := c.decode(stored[i%len(stored)], &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
