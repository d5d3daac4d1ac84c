package trace

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// gcPercent reads GOGC without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestRelaxGC: captures at once raise GOGC together, each reckoning it on the live heap
// of its start, and the last one restores it; GOGC off, or higher than capture's, is left
// alone.
func TestRelaxGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	runtime.GC() // the live heap as it is, not as the last collection found it
	first := relaxGC()
	raised := gcPercent()
	grown := make([]byte, 64<<20) // a live heap grown meanwhile
	runtime.GC()
	second := relaxGC()
	lowered := gcPercent()
	runtime.KeepAlive(grown)
	if raised <= 100 || lowered >= raised || lowered > gcHeadroom*100/(64<<20) {
		t.Fatalf("GOGC %d, then %d once the live heap grew by 64 MB, want above 100 and lower, for 256 MB over it", raised, lowered)
	}
	first()
	if gcPercent() != lowered {
		t.Errorf("GOGC %d after one of two captures, want %d", gcPercent(), lowered)
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
