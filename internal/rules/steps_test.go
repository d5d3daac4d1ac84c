package rules

import (
	"encoding/json"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
)

func TestStepTableScoresAtBounds(t *testing.T) {
	table, ok := ParseSteps([]float64{200, 1, 1000, 2, 2000, 2.5, 3000, 3, 4})
	if !ok {
		t.Fatal("valid step list refused")
	}
	tests := []struct {
		value, points float64
		step          int
	}{
		{0, 1, 0}, {200, 1, 0}, {200.5, 2, 1}, {1000, 2, 1}, {2000, 2.5, 2}, {3000, 3, 3}, {3000.01, 4, 4}, {1e9, 4, 4},
	}
	for _, tt := range tests {
		if p, s := table.Score(tt.value); p != tt.points || s != tt.step {
			t.Errorf("Score(%v) = %v in step %d, want %v in step %d", tt.value, p, s, tt.points, tt.step)
		}
	}
	if table.Max() != 4 {
		t.Errorf("Max = %v, want 4", table.Max())
	}
	if got, want := table.String(), "≤ 200: 1; ≤ 1000: 2; ≤ 2000: 2.5; ≤ 3000: 3; > 3000: 4"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestStepListChecked(t *testing.T) {
	r := Rule{Key: "t.steps", Type: List, Items: Number, Steps: true, Min: ptr(0), Max: ptr(100000)}
	tests := []struct{ name, value, want string }{
		{"table", "[200, 1, 1000, 2, 4]", "[200,1,1000,2,4]"},
		{"even length", "[200, 1, 1000, 2]", "rule_steps"},
		{"one number", "[4]", "rule_steps"},
		{"bounds fall", "[1000, 1, 200, 2, 4]", "rule_steps"},
		{"bound repeated", "[200, 1, 200, 2, 4]", "rule_steps"},
		{"negative", "[-1, 1, 4]", "min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Check(json.RawMessage(tt.value))
			if err != nil {
				if f := apperr.From(err).Fields; len(f) != 1 || f[0].Rule != tt.want {
					t.Fatalf("got %v, want %s", err, tt.want)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if got := r.show(json.RawMessage("[200,1,1000,2,4]")); got != "≤ 200: 1; ≤ 1000: 2; > 1000: 4" {
		t.Errorf("show = %q", got)
	}
}
