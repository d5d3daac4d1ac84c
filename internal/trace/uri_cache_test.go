package trace

import (
	"fmt"
	"testing"
)

// TestURICacheGenerations: the cache keeps what was put or found lately and drops what
// was neither for two generations.
func TestURICacheGenerations(t *testing.T) {
	var c uriCache
	c.put("urn:kept", 1)
	c.put("urn:dropped", 2)
	fill := func(prefix string) {
		for i := range uriCacheGeneration {
			c.put(fmt.Sprintf("%s:%d", prefix, i), int64(10+i))
		}
	}
	fill("urn:first") // the two URIs are now in the older generation
	if id, ok := c.get("urn:kept"); !ok || id != 1 {
		t.Fatalf("urn:kept in the older generation: %d, %v; want 1, true", id, ok)
	}
	fill("urn:second") // the older generation, with urn:dropped, is gone
	if _, ok := c.get("urn:dropped"); ok {
		t.Error("urn:dropped was kept past two generations")
	}
	if id, ok := c.get("urn:kept"); !ok || id != 1 {
		t.Errorf("urn:kept, found again in the older generation: %d, %v; want 1, true", id, ok)
	}
	if _, ok := c.get("urn:missing"); ok {
		t.Error("a URI never put was found")
	}
}
