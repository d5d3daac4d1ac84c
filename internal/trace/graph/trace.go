package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// ErrUnknownID is returned for an identifier no event in the index lists.
var ErrUnknownID = errors.New("identifier not in the trace index")

// DefaultMaxSteps bounds a walk when Options.MaxSteps is zero.
const DefaultMaxSteps = 100_000

// Options tune a walk.
type Options struct {
	// MaxSteps bounds the steps a walk collects, and 64 times as many events it may look
	// at; past either the answer is cut short and marked Truncated. Zero or less means
	// DefaultMaxSteps.
	MaxSteps int
}

func (o Options) maxSteps() int {
	if o.MaxSteps <= 0 {
		return DefaultMaxSteps
	}
	return o.MaxSteps
}

// Trace is the answer to a backward (溯源) or forward (追踪) trace of an identifier.
type Trace struct {
	ID      string
	Steps   []Step  // in time order; steps of one event in the order it lists the objects
	Reached []Reach // every identifier the walk reached, the start included, in time order
	// Gaps are where a backward trace ran out of captured events before an identifier's
	// making, in time order; a forward trace has none.
	Gaps []Gap
	// Truncated is set when the walk stopped at the bound of Options.MaxSteps: the steps
	// are a part of the trace, not all of it.
	Truncated bool
}

// Step is one event of a trace, about one identifier.
type Step struct {
	Row                   int64
	Time                  time.Time
	Type, Action, BizStep string
	Location              string // bizLocation, else readPoint; may be empty
	Source, Destination   string // the places the source and destination lists name
	ID                    string // the identifier the event lists
	Role                  epcis.Role
	// Carries is set on a step of a parent (pallet, case) that the walk followed because a
	// traced identifier was inside it: that identifier. Quantity is then its quantity.
	Carries string
	// Quantity and UOM are the traced quantity: a quantity element's own, or 1 with no unit
	// (a count of pieces) for an instance. HasQuantity is false for a quantity element
	// without a quantity.
	Quantity    float64
	UOM         string
	HasQuantity bool
	Leaf        bool // a retail sale: a forward walk follows nothing from it
}

// Reach says how a trace reached an identifier.
type Reach struct {
	ID   string
	Link Link
	From string    // the identifier it was reached from; empty for the start
	Row  int64     // the event that made the link; for the start, its first (forward) or last (backward) step
	Time time.Time // when it joined the trace
}

// Gap is a place where the captured events stop (断链): event Row shows that identifier ID
// was at Place, and no captured event says how it got there: not its making there, not
// its receiving, nor a shipment or a parent that brought it. Place is empty when Row does
// not say (a receiving naming no source, of which no shipment was captured). The backward
// trace then takes the identifier's making wherever it was captured, else its earliest
// events, as its origin.
type Gap struct {
	ID, Place string
	Row       int64
	Time      time.Time
}

// Link is the kind of link by which a trace reaches an identifier.
type Link uint8

// The links.
const (
	LinkStart  Link = iota // the identifier asked about
	LinkOutput             // forward: an output of a transformation From went into (From transformed into it)
	LinkInput              // backward: an input of the transformation that made From (From was made of it)
	LinkParent             // the parent From was aggregated into, followed while From was inside
	LinkChild              // a child aggregated into From: forward, contents that go on with it; backward, what was packed into it
)

var linkNames = [...]string{"start", "output of", "input of", "parent of", "child of"}

func (l Link) String() string {
	if int(l) < len(linkNames) {
		return linkNames[l]
	}
	return fmt.Sprintf("Link(%d)", l)
}

// Forward traces id downstream (追踪): where it went and what it became.
func (ix *Index) Forward(id string, opts Options) (Trace, error) {
	return ix.trace(id, true, opts)
}

// Backward traces id upstream (溯源): where it came from and what it was made of.
func (ix *Index) Backward(id string, opts Options) (Trace, error) {
	return ix.trace(id, false, opts)
}

func (ix *Index) trace(id string, forward bool, opts Options) (Trace, error) {
	var t Trace
	err := ix.read(id, forward, opts, func(w *walker) {
		t = Trace{ID: id, Truncated: w.truncated, Steps: make([]Step, len(w.steps)), Reached: make([]Reach, len(w.reached))}
		for i, s := range w.steps {
			t.Steps[i] = ix.step(s)
		}
		for i, r := range w.reached {
			t.Reached[i] = Reach{ID: ix.ids.str(r.id), Link: r.link, From: ix.ids.str(r.from)}
			if r.ev != noEvent {
				t.Reached[i].Row, t.Reached[i].Time = ix.rows.at(r.ev), ix.time(r.ev)
			}
		}
		slices.SortFunc(t.Reached, func(a, b Reach) int { return cmp.Or(a.Time.Compare(b.Time), strings.Compare(a.ID, b.ID)) })
		for _, g := range w.gaps {
			t.Gaps = append(t.Gaps, Gap{ID: ix.ids.str(g.id), Place: ix.ids.str(g.place), Row: ix.rows.at(g.ev), Time: ix.time(g.ev)})
		}
		slices.SortFunc(t.Gaps, func(a, b Gap) int {
			return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Row, b.Row), strings.Compare(a.ID, b.ID), strings.Compare(a.Place, b.Place))
		})
	})
	return t, err
}

// read walks id under the read lock and lets answer read the walk before the walker goes
// back to the pool.
func (ix *Index) read(id string, forward bool, opts Options, answer func(*walker)) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	w, err := ix.walk(id, forward, opts)
	if err != nil {
		return err
	}
	defer w.release()
	answer(w)
	return nil
}

// step turns a step record into its answer.
func (ix *Index) step(s stepRec) Step {
	k := ix.kinds.at(s.ev)
	return Step{
		Row: s.row, Time: time.UnixMilli(s.t).UTC(),
		Type: epcis.EventTypes[k.typ()], Action: epcis.Actions[k.action()], BizStep: ix.vocab.str(ix.steps.at(s.ev)),
		Location: ix.ids.str(ix.locs.at(s.ev)), Source: ix.ids.str(s.src), Destination: ix.ids.str(s.dest),
		ID: ix.ids.str(s.id), Role: s.role, Carries: ix.ids.str(s.carried),
		Quantity: s.qty, UOM: ix.vocab.str(s.uom), HasQuantity: s.hasQty, Leaf: s.leaf,
	}
}

func (ix *Index) time(ev uint32) time.Time { return time.UnixMilli(ix.times.at(ev)).UTC() }

// byTime orders step records by time, then row, then the object's place in the event (the
// document order), then carried identifier, so that answers are the same however the walk
// went.
func (ix *Index) byTime(a, b stepRec) int {
	if c := cmp.Compare(a.t, b.t); c != 0 {
		return c
	}
	if c := cmp.Compare(a.row, b.row); c != 0 {
		return c
	}
	if c := cmp.Compare(a.obj, b.obj); c != 0 || a.carried == b.carried {
		return c
	}
	return strings.Compare(ix.ids.str(a.carried), ix.ids.str(b.carried))
}
