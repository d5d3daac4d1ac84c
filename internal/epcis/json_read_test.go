package epcis

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonReaderCases are documents jsonReader must read as encoding/json does, or refuse
// as it does: every kind of value, escape and number, and the ways JSON goes wrong.
var jsonReaderCases = []string{
	`{}`,
	` {"a": [], "b": {}, "c": [{}], "d": ""} `,
	`{"t": true, "f": false, "n": null, "s": "x", "a": [1, "2", [3]]}`,
	`{"n": [0, -0, 12, -3.25, 1e5, 1E+5, 2.5e-3, 0.0, 20.50]}`,
	`{"e": "\" \\ \/ \b \f \n \r \t \u00e9 \u4e2d \ud83d\ude00 end"}`,
	`{"lone": ["\ud83d", "\ude00", "\ud83d\u0041", "\ud83dx", "\ud83d\ud83d\ude00"]}`,
	`{"王芳": "食品 ✓", "k\u0065y": 1}`,
	`{"dup": 1, "dup": 2}`,
	"{\n\t\"a\" :\r\n 1 }",
	// refused
	`{"a": 01}`, `{"a": 1.}`, `{"a": -}`, `{"a": .5}`, `{"a": 1e}`, `{"a": tru}`, `{"a": nul}`,
	`{"a": "x\q"}`, "{\"a\": \"ctl\x01\"}", `{"a": "\u00g0"}`, `{"a": "open}`, `{"a": [1,]}`, `{"a": 1,}`,
	`{"a" 1}`, `{a: 1}`, `{"a": 1} x`, `{"a": 1}{}`, `{"a": [1 2]}`, `{"a": {"b": 1 "c": 2}}`, `{`, ``,
	`[1]`, `"s"`, `null`, `1`,
}

// TestJSONReaderAgreesWithEncodingJSON: readDocument gives the tree decodeJSON
// (encoding/json) gives, or fails where it fails; jsonReader reads every object
// encoding/json reads.
func TestJSONReaderAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range jsonReaderCases {
		t.Run(in, func(t *testing.T) { checkJSONReader(t, []byte(in)) })
	}
}

func FuzzJSONReader(f *testing.F) {
	for _, in := range jsonReaderCases {
		f.Add([]byte(in))
	}
	f.Add(benchDocument(2))
	f.Fuzz(func(t *testing.T, data []byte) {
		if utf8.Valid(data) {
			checkJSONReader(t, data)
		}
	})
}

func checkJSONReader(t *testing.T, data []byte) {
	want, wantErr := decodeJSON(data)
	doc, err := readDocument(data)
	if (err != nil) != (wantErr != nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("error %v, want %v", err, wantErr)
	}
	if err != nil {
		return
	}
	if !reflect.DeepEqual(doc.tree, want) {
		t.Fatalf("tree\n got %#v\nwant %#v", doc.tree, want)
	}
	if want != nil && doc.reader == nil {
		t.Fatal("jsonReader refused an object encoding/json reads")
	}
	var compacted bytes.Buffer
	if err := json.Compact(&compacted, data); err != nil {
		t.Fatal(err)
	}
	if got := compactJSON(nil, data); string(got) != compacted.String() {
		t.Errorf("compacted\n got %s\nwant %s", got, compacted.String())
	}
}

// TestJSONReaderItemSpans: the JSON of each event is where the reader found it in the
// document; a list replaced by a later key is not taken for the document's.
func TestJSONReaderItemSpans(t *testing.T) {
	items := []string{`{"type": "ObjectEvent", "n": [1, {"eventList": [2]}]}`, `{"type":"AggregationEvent"}`, "{ }"}
	list := `[` + strings.Join(items, " ,\n") + `]`
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"document", `{"type": "EPCISDocument", "epcisBody": {"eventList": ` + list + `}}`, items},
		{"query document", `{"type": "EPCISQueryDocument", "epcisBody": {"queryResults": {"resultsBody": {"eventList": ` + list + `}}}}`, items},
		{"list written twice", `{"type": "EPCISDocument", "epcisBody": {"eventList": [{}], "eventList": ` + list + `}}`, items},
		{"body written twice", `{"type": "EPCISDocument", "epcisBody": {"eventList": ` + list + `}, "epcisBody": {"eventList": [7]}}`, []string{"7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readDocument([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			l, err := eventListOf(doc.tree)
			if err != nil {
				t.Fatal(err)
			}
			raw := doc.itemJSON(l)
			if len(l.items) != len(tt.want) {
				t.Fatalf("%d items, want %d", len(l.items), len(tt.want))
			}
			for i, want := range tt.want {
				if got := string(raw(i)); got != want {
					t.Errorf("item %d: %s, want %s", i, got, want)
				}
			}
		})
	}
}
