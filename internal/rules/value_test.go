package rules

import (
	"encoding/json"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
)

func ptr(f float64) *float64 { return &f }

func TestCheck(t *testing.T) {
	days := Rule{Key: "t.days", Type: Integer, Min: ptr(1), Max: ptr(60)}
	band := Rule{Key: "t.band", Type: Number, Min: ptr(0), Max: ptr(100)}
	name := Rule{Key: "t.name", Type: String}
	freq := Rule{Key: "t.freq", Type: List, Items: Number, Range: true, Min: ptr(0), Max: ptr(12)}
	tests := []struct {
		name  string
		rule  Rule
		value string
		want  string // canonical value, or the broken rule
	}{
		{"integer", days, "15", "15"},
		{"integer as float", days, "15.5", "integer"},
		{"integer as text", days, `"15"`, "integer"},
		{"below min", days, "0", "min"},
		{"above max", days, "61", "max"},
		{"missing", days, "", "required"},
		{"null", days, "null", "required"},
		{"not json", days, "1 2", "json_syntax"},
		{"number", band, "32.5", "32.5"},
		{"number from integer", band, "30", "30"},
		{"number above max", band, "101", "max"},
		{"text trimmed", name, `"  公示系统 "`, `"公示系统"`},
		{"empty text", name, `"  "`, "rule_text"},
		{"text as number", name, "5", "rule_text"},
		{"range", freq, "[1, 2]", "[1,2]"},
		{"minimum only", freq, "[0.5]", "[0.5]"},
		{"range reversed", freq, "[3, 2]", "rule_range"},
		{"range too long", freq, "[1, 2, 3]", "rule_range"},
		{"range item out of bounds", freq, "[1, 13]", "max"},
		{"range of text", freq, `["a"]`, "number"},
		{"empty list", freq, "[]", "rule_list"},
		{"scalar for list", freq, "2", "rule_list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.rule.Check(json.RawMessage(tt.value))
			if err != nil {
				e := apperr.From(err)
				if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != ValueField || e.Fields[0].Rule != tt.want {
					t.Fatalf("got %v, want field error %s on %s", err, tt.want, ValueField)
				}
				return
			}
			if string(got) != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFormInputAndDisplay(t *testing.T) {
	freq := Rule{Key: "t.freq", Type: List, Items: Number, Range: true}
	labels := Rule{Key: "t.labels", Type: List, Items: String}
	days := Rule{Key: "t.days", Type: Integer}
	tests := []struct {
		rule              Rule
		typed, json, show string
	}{
		{freq, "1，2", "[1,2]", "1–2"},
		{freq, " 3 ", "[3]", "≥ 3"},
		{labels, "符合、基本符合, 不符合", `["符合","基本符合","不符合"]`, "符合、基本符合、不符合"},
		{days, "20", "20", "20"},
		{days, "二十", `"二十"`, "二十"},
	}
	for _, tt := range tests {
		got := tt.rule.parseInput(tt.typed)
		if string(got) != tt.json || tt.rule.show(got) != tt.show {
			t.Errorf("%s %q: got %s shown %q, want %s shown %q", tt.rule.Key, tt.typed, got, tt.rule.show(got), tt.json, tt.show)
		}
	}
	if got := freq.input(json.RawMessage("[1,2]")); got != "1, 2" {
		t.Errorf("form value of [1,2]: got %q", got)
	}
}
