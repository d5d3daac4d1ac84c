package epcis

import (
	"strings"
	"sync"
)

// sharedIDs remembers the canonical form of identifiers that many events repeat: read
// points, business locations, sources, destinations and sensor devices. A market or a
// canteen captures thousands of events at the same few places, and converting an EPC URN
// or a Digital Link costs more than looking it up. Serial numbers and lots, which seldom
// repeat, are converted each time instead of crowding the cache out.
var sharedIDs = newMemo(canonicalValue)

// maxMemo bounds a memo; when it is full it starts again empty, which keeps the values in
// current use without the bookkeeping of an LRU.
const maxMemo = 1 << 14

// memo remembers the results of a function of a string that is costly beside a map
// lookup, for any number of goroutines.
type memo[V any] struct {
	mu      sync.RWMutex
	results map[string]V
	compute func(string) V
}

func newMemo[V any](compute func(string) V) *memo[V] {
	return &memo[V]{results: make(map[string]V), compute: compute}
}

// get returns compute(key), from the memo when it has it.
func (m *memo[V]) get(key string) V {
	m.mu.RLock()
	v, ok := m.results[key]
	m.mu.RUnlock()
	if ok {
		return v
	}
	v = m.compute(key)
	m.mu.Lock()
	if len(m.results) >= maxMemo {
		clear(m.results)
	}
	m.results[strings.Clone(key)] = v // key may be part of a whole document
	m.mu.Unlock()
	return v
}
