package journey

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
)

// Index is the trace index (追溯索引) as the handlers of this package read it: the graph the
// server holds, and whether its start-up load from the database has finished. Until it
// has, the handlers answer 503: a half-loaded graph would give partial traces as if whole.
type Index struct {
	graph  *graph.Index
	events *trace.Store
	ready  atomic.Bool
}

// NewIndex wraps g, to be loaded from events.
func NewIndex(g *graph.Index, events *trace.Store) *Index {
	return &Index{graph: g, events: events}
}

// Ready reports whether the start-up load has finished.
func (ix *Index) Ready() bool { return ix.ready.Load() }

// Load adds every stored event to the graph, logging its progress every tenth of the way,
// and marks the index ready. Loading again adds only what is new, so a test may load after
// it captures.
func (ix *Index) Load(ctx context.Context) error {
	start := time.Now()
	slog.InfoContext(ctx, "trace index: loading from the database")
	logged := int64(0)
	n, err := ix.events.LoadIndex(ctx, ix.graph, func(done, total int64) {
		if tenth := done * 10 / max(total, 1); tenth > logged {
			logged = tenth
			slog.InfoContext(ctx, "trace index: loading", "events", done, "of", total, "percent", tenth*10)
		}
	})
	if err != nil {
		return fmt.Errorf("load the trace index: %w", err)
	}
	stats := ix.graph.Stats()
	slog.InfoContext(ctx, "trace index: loaded", "events", n, "identifiers", stats.Identifiers,
		"took_ms", time.Since(start).Milliseconds())
	ix.ready.Store(true)
	return nil
}
