package web

import (
	"net/http"
	"net/http/httptest"
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

func TestAfterFormRedirectsWithTheFlash(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/credit/records/7", "/credit/records/7?flash=saved"},
		{"/draws/units/3/entities?page=2", "/draws/units/3/entities?page=2&flash=saved"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		AfterForm(w, httptest.NewRequest("POST", "/form", nil), nil, tt.next, "saved", func() { t.Fatal("shown again though saved") })
		if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != tt.want {
			t.Errorf("after a form saved for %s: %d to %q, want 303 to %q", tt.next, w.Code, loc, tt.want)
		}
	}
}
