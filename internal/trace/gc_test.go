package trace

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads GOGC without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestRelaxGC: captures at once raise GOGC together and the last one restores it; GOGC
// off, or higher than capture's, is left alone.
func TestRelaxGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	first := relaxGC()
	raised := gcPercent()
	second := relaxGC()
	if raised <= 100 || gcPercent() != raised {
		t.Fatalf("GOGC %d then %d while capturing, want above 100 and the same", raised, gcPercent())
	}
	first()
	if gcPercent() != raised {
		t.Errorf("GOGC %d after one of two captures, want %d", gcPercent(), raised)
	}
	second()
	if gcPercent() != 100 {
		t.Errorf("GOGC %d after the captures, want 100 again", gcPercent())
	}
	for _, set := range []int{-1, 1 << 30} {
		debug.SetGCPercent(set)
		done := relaxGC()
		if gcPercent() != set {
			t.Errorf("GOGC %d while capturing, want %d as set", gcPercent(), set)
		}
		done()
		if gcPercent() != set {
			t.Errorf("GOGC %d after capturing, want %d as set", gcPercent(), set)
		}
	}
}
