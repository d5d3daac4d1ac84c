package web

import (
	"testing"

	"github.com/shejian/shejian/internal/apperr"
)

func TestFormNumbers(t *testing.T) {
	tests := []struct {
		in      string
		number  float64
		integer int64
		bad     []string // the rules broken: number's, then integer's
	}{
		{"", 0, 0, nil},
		{"12", 12, 12, nil},
		{"1,200.5", 1200.5, 0, []string{"integer"}},
		{"NaN", 0, 0, []string{"number", "integer"}},
		{"Inf", 0, 0, []string{"number", "integer"}},
		{"壹佰", 0, 0, []string{"number", "integer"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var c apperr.Collector
			n, i := FormNumber(&c, "amount", tt.in), FormInt(&c, "count", tt.in)
			var rules []string
			if err := c.Err(); err != nil {
				for _, f := range apperr.From(err).Fields {
					rules = append(rules, f.Rule)
				}
			}
			if len(tt.bad) == 0 && (n != tt.number || i != tt.integer) || len(rules) != len(tt.bad) {
				t.Fatalf("%q: %v, %v, broke %v; want %v, %v, broke %v", tt.in, n, i, rules, tt.number, tt.integer, tt.bad)
			}
			for k := range rules {
				if rules[k] != tt.bad[k] {
					t.Fatalf("%q broke %v, want %v", tt.in, rules, tt.bad)
				}
			}
		})
	}
}
