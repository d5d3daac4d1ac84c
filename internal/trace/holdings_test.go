package trace

import "testing"

// TestStock: holdings compare across weight units and keep counts apart.
func TestStock(t *testing.T) {
	s := Stock{}
	s.Add(1.2, "TNE")
	s.Add(-300, "KGM")
	s.Add(4, "")
	tests := []struct {
		quantity float64
		uom      string
		holds    bool
	}{
		{0.9, "TNE", true},
		{900, "KGM", true},
		{900.001, "KGM", false},
		{900_000, "GRM", true},
		{4, "", true},
		{5, "", false},
		{1, "LTR", false},
	}
	for _, tt := range tests {
		wanted := Stock{}
		wanted.Add(tt.quantity, tt.uom)
		if got := s.Holds(wanted); got != tt.holds {
			t.Errorf("%v holds %g %s: %v, want %v", s, tt.quantity, tt.uom, got, tt.holds)
		}
	}
	if s.String() != "900 kg, 4 pcs" {
		t.Errorf("stock reads %q, want \"900 kg, 4 pcs\"", s)
	}
}
