package trace

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Capture's garbage. Validating an event against the JSON Schema allocates some 20 KB that
// is garbage a moment later (jsonschema allocates for every subschema it enters), and with
// Go's default GOGC=100 the collector runs whenever the heap has grown by the live heap:
// when that is small, every few megabytes, and collecting then costs a third of capture's
// time. While documents are being captured, the collector is therefore given at least
// gcHeadroom bytes to grow by: GOGC is raised to the percentage of the live heap they are.
// A large live heap (the trace index) already gives that room, and GOGC stays as it is; the
// heap grows by at most gcHeadroom more than the collector would let it otherwise. A GOGC
// set lower by the operator is raised too; GOGC=off stays off. The percentage is reckoned
// again at the start of each capture: captures that follow one another without a pause
// grow the live heap (the keys of the events they store, event_keys.go), and a percentage
// reckoned on the first one's small heap let a 3M-event benchmark's heap reach gigabytes.

// gcHeadroom is the room the heap has to grow between collections while capturing;
// minLiveHeap is the least live heap the room is reckoned against, the runtime's own
// smallest heap goal.
const (
	gcHeadroom  = 256 << 20
	minLiveHeap = 4 << 20
)

// capturing counts the captures in progress and keeps the GOGC to restore after the last.
var capturing struct {
	sync.Mutex
	count   int
	restore int
}

// relaxGC gives the collector its headroom for one capture; the returned function ends it.
func relaxGC() (done func()) {
	capturing.Lock()
	defer capturing.Unlock()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := uint64(minLiveHeap) // before the first collection the live heap reads 0
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = max(live, sample[0].Value.Uint64())
	}
	percent := max(100, int(gcHeadroom*100/live))
	previous := debug.SetGCPercent(percent)
	if capturing.count++; capturing.count == 1 {
		capturing.restore = previous
	}
	if capturing.restore < 0 || capturing.restore > percent {
		debug.SetGCPercent(capturing.restore) // off, or more room than ours
	}
	return func() {
		capturing.Lock()
		defer capturing.Unlock()
		if capturing.count--; capturing.count == 0 {
			debug.SetGCPercent(capturing.restore)
		}
	}
}
