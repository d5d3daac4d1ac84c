package trace

import (
	"strings"
	"sync"
)

// Capture looks up the id of every URI a document names (lookUpURIs), and most are named
// again and again: the business steps, dispositions, places and parties of every event,
// and a lot in each event of its journey. Looked up in the database each time, they cost
// capture some 5 µs an event at ten million events (issue 4). So the ids found are kept in
// memory, and a document looks up only the URIs the cache does not hold. A URI's id never
// changes and no URI is deleted (intern.go), so a kept id stays right; only committed ids
// are kept, those read from the database.
//
// The cache holds at most two generations of uriCacheGeneration URIs: when the newer is
// full, the older is dropped and the newer takes its place. A URI found in the older moves
// to the newer, so what keeps being named stays, and memory stays bounded (some 30 MB)
// whatever the number of URIs stored.
const uriCacheGeneration = 1 << 17

// uriCache is the ids of URIs recently named by captured documents.
type uriCache struct {
	mu         sync.Mutex
	newer, old map[string]int64
}

// get returns the id of uri when the cache holds it.
func (c *uriCache) get(uri string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id, ok := c.newer[uri]; ok {
		return id, true
	}
	id, ok := c.old[uri]
	if ok {
		c.putLocked(strings.Clone(uri), id) // the key kept in the older is not at hand
	}
	return id, ok
}

// put keeps the id of uri, read from the database. The URI is copied: the one given may
// share the memory of the whole document it was read from.
func (c *uriCache) put(uri string, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(strings.Clone(uri), id)
}

func (c *uriCache) putLocked(uri string, id int64) {
	if len(c.newer) >= uriCacheGeneration || c.newer == nil {
		c.old, c.newer = c.newer, make(map[string]int64, uriCacheGeneration)
	}
	c.newer[uri] = id
}
