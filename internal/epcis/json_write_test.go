package epcis

import (
	"encoding/json"
	"testing"
)

func TestAppendJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"line\nfeed\ttab\rreturn", `"line\nfeed\ttab\rreturn"`},
		{"bell\x07 nul\x00 unit\x1f", `"bell\u0007 nul\u0000 unit\u001f"`},
		{"王芳 <a&b> ✓", `"王芳 <a&b> ✓"`},
		{"bad \xff byte", "\"bad \ufffd byte\""},
		{"", `""`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := string(appendJSONString(nil, tt.in))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			var back string
			if err := json.Unmarshal([]byte(got), &back); err != nil {
				t.Errorf("not a JSON string: %v", err)
			}
		})
	}
}

// TestJSONWriterKeepsValues: numbers come out as they were written, keys sorted, every kind
// of value as encoding/json reads it back.
func TestJSONWriterKeepsValues(t *testing.T) {
	const in = `{"z": [1, 2.50, -3e2, null, true, false, {"b": "x", "a": []}], "a": {"@value": "20.0"}, "m": 20.0}`
	doc, err := decodeJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var w jsonWriter
	w.object(doc, nil)
	const want = `{"a":{"@value":"20.0"},"m":20.0,"z":[1,2.50,-3e2,null,true,false,{"a":[],"b":"x"}]}`
	if w.err != nil || string(w.buf) != want {
		t.Errorf("got %s (%v), want %s", w.buf, w.err, want)
	}
}
