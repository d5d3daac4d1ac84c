package journey

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
)

// lotTraces is one lot's backward and forward traces as one caller sees them, read once per
// request: the scope check needs both, and the pages show both.
type lotTraces struct {
	id                string
	backward, forward graph.Trace
	view              *viewer
	events            map[int64]string // eventIDs by row, of every step of both traces
}

// errLotNotFound is the answer for a lot the index does not know and for one the caller may
// not trace alike, so that a lot's existence is not revealed.
func errLotNotFound(id string) error {
	return apperr.New(apperr.NotFound, "journey.lot_not_found", map[string]any{"id": id})
}

// openLot traces lot id both ways and checks that the caller of ctx may see it.
func openLot(ctx context.Context, st *store.Store, g *graph.Index, id string) (*lotTraces, error) {
	forward, err := g.Forward(id, graph.Options{})
	if errors.Is(err, graph.ErrUnknownID) {
		return nil, errLotNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("forward trace of %s: %w", id, err)
	}
	backward, err := g.Backward(id, graph.Options{})
	if err != nil {
		return nil, fmt.Errorf("backward trace of %s: %w", id, err)
	}
	bs, err := businessesAt(ctx, st, placesOf(backward, forward))
	if err != nil {
		return nil, err
	}
	v := newViewer(access.ScopeFrom(ctx), bs, id, backward, forward)
	if !v.mayTrace(id, backward, forward) {
		return nil, errLotNotFound(id)
	}
	events, err := eventIDs(ctx, st, rowsOf(backward, forward))
	if err != nil {
		return nil, err
	}
	return &lotTraces{id: id, backward: backward, forward: forward, view: v, events: events}, nil
}

// placesOf lists every place the traces name, and who assigned the batch numbers of the
// identifiers they reach.
func placesOf(traces ...graph.Trace) []string {
	var out []string
	for _, t := range traces {
		for _, s := range t.Steps {
			out = append(out, s.Location, s.Source, s.Destination)
		}
		for _, g := range t.Gaps {
			out = append(out, g.Place)
		}
		for _, r := range t.Reached {
			if place, _, ok := lotAssigner(r.ID); ok {
				out = append(out, place)
			}
		}
	}
	return out
}

// rowsOf lists the event rows of the traces' steps, gaps and links, once each.
func rowsOf(traces ...graph.Trace) []int64 {
	var rows []int64
	for _, t := range traces {
		for _, s := range t.Steps {
			rows = append(rows, s.Row)
		}
		for _, g := range t.Gaps {
			rows = append(rows, g.Row)
		}
		for _, r := range t.Reached {
			rows = append(rows, r.Row)
		}
	}
	slices.Sort(rows)
	return slices.Compact(rows)
}

// eventIDs reads the eventIDs of event rows.
func eventIDs(ctx context.Context, st *store.Store, rows []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(rows))
	err := eachEvent(ctx, st, "event_id", rows, func(row int64, id string) { out[row] = id })
	return out, err
}

// eachEvent reads one text column of the events at rows and hands each to fn.
func eachEvent(ctx context.Context, st *store.Store, column string, rows []int64, fn func(row int64, value string)) error {
	if len(rows) == 0 {
		return nil
	}
	res, err := st.ReadDB().QueryContext(ctx, `SELECT id, `+column+` FROM epcis_events WHERE id `+trace.InList(st.Dialect(), "$1"),
		trace.ListArg(st.Dialect(), rows))
	if err != nil {
		return fmt.Errorf("read the %s of events: %w", column, err)
	}
	defer res.Close()
	for res.Next() {
		var row int64
		var value string
		if err := res.Scan(&row, &value); err != nil {
			return fmt.Errorf("read the %s of events: %w", column, err)
		}
		fn(row, value)
	}
	return res.Err()
}

// uniqueSteps lists the steps of lists, each once: the two directions of a lot's traces
// share its making events.
func uniqueSteps(lists ...[]graph.Step) []graph.Step {
	type key struct {
		row         int64
		id, carries string
	}
	seen := map[key]bool{}
	var out []graph.Step
	for _, list := range lists {
		for _, s := range list {
			if k := (key{s.Row, s.ID, s.Carries}); !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
	}
	return out
}
