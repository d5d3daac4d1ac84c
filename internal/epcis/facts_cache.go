package epcis

import "sync"

// sharedIDs remembers the canonical form of identifiers that many events repeat: read
// points, business locations, sources, destinations and sensor devices. A market or a
// canteen captures thousands of events at the same few places, and converting an EPC URN
// or a Digital Link costs more than looking it up. Serial numbers and lots, which seldom
// repeat, are converted each time instead of crowding the cache out.
var sharedIDs = idCache{ids: make(map[string]string)}

// maxSharedIDs bounds the cache; when it is full it starts again empty, which keeps the
// places in current use without the bookkeeping of an LRU.
const maxSharedIDs = 1 << 14

type idCache struct {
	mu  sync.RWMutex
	ids map[string]string // raw → canonicalValue(raw)
}

// canonical returns canonicalValue(raw), from the cache when it has it.
func (c *idCache) canonical(raw string) string {
	c.mu.RLock()
	id, ok := c.ids[raw]
	c.mu.RUnlock()
	if ok {
		return id
	}
	id = canonicalValue(raw)
	c.mu.Lock()
	if len(c.ids) >= maxSharedIDs {
		clear(c.ids)
	}
	c.ids[raw] = id
	c.mu.Unlock()
	return id
}
