package graph

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/shejian/shejian/internal/epcis"
)

const (
	noEvent = math.MaxUint32
	minTime = math.MinInt64
	maxTime = math.MaxInt64
)

// item is an identifier waiting to be walked. Forward, over a time window [lo, hi]: the
// whole of its future, or, for a parent followed because a traced identifier was inside it,
// the time it was inside. Backward, at a place up to hi: how it came to be there.
type item struct {
	id, carried uint32 // carried: the traced identifier inside a parent, else 0
	place       uint32 // backward: where it was; 0 when the event that put it there names no place
	lo, hi      int64
	cqty        float64 // the carried identifier's quantity
	cuom        uint32
	chas        bool
	link        Link
	from, ev    uint32 // how it was reached
}

// stepRec is a step before it is turned into strings.
type stepRec struct {
	t, row                      int64
	ev, obj                     uint32 // the event, and the object's place in it
	id, carried, src, dest, uom uint32
	qty                         float64
	role                        epcis.Role
	hasQty, leaf                bool
}

// reachRec is a Reach before it is turned into strings.
type reachRec struct {
	id, from, ev uint32
	link         Link
}

// gapRec is a Gap before it is turned into strings.
type gapRec struct{ id, place, ev uint32 }

type stepKey struct{ ev, id, carried uint32 }

type windowKey struct {
	id, carried uint32
	lo, hi      int64
}

// placeKey names a backward item: an identifier at a place (and, at no known place, the
// event that put it there).
type placeKey struct{ id, place, ev uint32 }

// walker is one trace in progress. Items are taken earliest first (forward) or latest first
// (backward), so an identifier (backward, an identifier at a place) is walked once, from the
// earliest time it is reached (the latest, backward), like Dijkstra's earliest arrival over
// a time-respecting graph. Walkers are pooled with their maps and slices, so a query
// allocates little more than its answer.
type walker struct {
	ix        *Index
	forward   bool
	maxSteps  int
	work      int // posting entries still to be examined before the walk is cut short
	queue     []item
	done      map[uint32]bool   // forward: identifiers walked whole
	at        map[placeKey]bool // backward: identifiers walked at a place
	origins   map[uint32]bool   // backward: identifiers whose origin was looked for anywhere
	known     map[uint32]bool   // identifiers in reached
	windows   map[windowKey]bool
	seen      map[stepKey]bool
	steps     []stepRec
	reached   []reachRec
	gaps      []gapRec
	truncated bool
	rec, peer record // decoding scratch: the event being visited, and events looked up from it
	// Backward scratch: what arrivals found of an identifier at a place.
	received, packed []uint32
	sent             []shipment
}

var walkers = sync.Pool{New: func() any {
	return &walker{done: map[uint32]bool{}, at: map[placeKey]bool{}, origins: map[uint32]bool{}, known: map[uint32]bool{},
		windows: map[windowKey]bool{}, seen: map[stepKey]bool{}}
}}

// walk traces id; the caller holds the read lock and releases the walker once it has read it.
func (ix *Index) walk(id string, forward bool, opts Options) (*walker, error) {
	start, ok := ix.ids.lookup(id)
	if !ok || len(ix.postings(start)) == 0 {
		return nil, fmt.Errorf("trace %q: %w", id, ErrUnknownID)
	}
	w := walkers.Get().(*walker)
	w.ix, w.forward, w.maxSteps, w.truncated = ix, forward, opts.maxSteps(), false
	w.work = workPerStep * w.maxSteps
	if forward {
		w.push(item{id: start, lo: minTime, hi: maxTime, link: LinkStart, ev: noEvent})
	} else {
		w.note(start, 0, noEvent, LinkStart)
		w.origin(start, maxTime, true)
	}
	for len(w.queue) > 0 && !w.truncated {
		it := w.pop()
		switch {
		case !w.claim(it):
		case forward:
			w.visit(it)
		default:
			w.arrive(it)
		}
	}
	if forward {
		w.making(start, anyPlace, maxTime)
	}
	slices.SortFunc(w.steps, ix.byTime)
	w.reached[0].ev = w.startEvent(start)
	return w, nil
}

// release clears the walker and gives it back to the pool.
func (w *walker) release() {
	clear(w.done)
	clear(w.at)
	clear(w.origins)
	clear(w.known)
	clear(w.windows)
	clear(w.seen)
	w.ix, w.queue, w.steps, w.reached, w.gaps = nil, w.queue[:0], w.steps[:0], w.reached[:0], w.gaps[:0]
	walkers.Put(w)
}

// postings returns the events that list identifier id.
func (ix *Index) postings(id uint32) []uint32 {
	if int(id) >= ix.posts.n {
		return nil
	}
	return ix.posts.at(id)
}

// workPerStep bounds the posting entries a walk examines, per step it may collect: windows
// over an identifier with a long history (a returnable crate) may examine many events and
// keep few, and a walk must end in bounded time however the data looks.
const workPerStep = 64

// scan returns the postings of id for the walk to examine, or none when that would exceed
// the walk's work, which is then truncated.
func (w *walker) scan(id uint32) []uint32 {
	posts := w.ix.postings(id)
	if w.work -= len(posts); w.work < 0 {
		w.truncated = true
		return nil
	}
	return posts
}

// claim reports whether an item is still to be walked, noting it and, the first time its
// identifier is reached, how.
func (w *walker) claim(it item) bool {
	switch {
	case !w.forward:
		key := placeKey{id: it.id, place: it.place}
		if it.place == 0 {
			key.ev = it.ev
		}
		if w.at[key] {
			return false
		}
		w.at[key] = true
	case it.carried == 0:
		if w.done[it.id] {
			return false
		}
		w.done[it.id] = true
	default:
		key := windowKey{it.id, it.carried, it.lo, it.hi}
		if w.windows[key] {
			return false
		}
		w.windows[key] = true
	}
	w.note(it.id, it.from, it.ev, it.link)
	return true
}

// note records, the first time an identifier is reached, how.
func (w *walker) note(id, from, ev uint32, link Link) {
	if !w.known[id] {
		w.known[id] = true
		w.reached = append(w.reached, reachRec{id: id, from: from, ev: ev, link: link})
	}
}

// addSteps records the steps of event ev, decoded in r, about the item's identifier: one
// per object that names it. It reports false when they were recorded already or the walk
// is full.
func (w *walker) addSteps(it item, ev uint32, r *record, leaf bool) bool {
	key := stepKey{ev, it.id, it.carried}
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	for i, o := range r.objs {
		if o.id != it.id {
			continue
		}
		if len(w.steps) >= w.maxSteps {
			w.truncated = true
			return false
		}
		s := stepRec{t: w.ix.times.at(ev), row: w.ix.rows.at(ev), ev: ev, obj: uint32(i), id: o.id, carried: it.carried,
			src: r.src, dest: r.dest, role: o.role, leaf: leaf}
		s.qty, s.uom, s.hasQty = tracedQuantity(it, o)
		w.steps = append(w.steps, s)
	}
	return true
}

// startEvent is the event the start joins at: its first step forward, its last backward.
func (w *walker) startEvent(start uint32) uint32 {
	for i := range w.steps {
		s := w.steps[len(w.steps)-1-i]
		if w.forward {
			s = w.steps[i]
		}
		if s.id == start && s.carried == 0 {
			return s.ev
		}
	}
	return noEvent
}

func (w *walker) push(it item) {
	w.queue = append(w.queue, it)
	for i := len(w.queue) - 1; i > 0; {
		parent := (i - 1) / 2
		if !w.before(w.queue[i], w.queue[parent]) {
			break
		}
		w.queue[i], w.queue[parent] = w.queue[parent], w.queue[i]
		i = parent
	}
}

func (w *walker) pop() item {
	q := w.queue
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		first, l, r := i, 2*i+1, 2*i+2
		if l < len(q) && w.before(q[l], q[first]) {
			first = l
		}
		if r < len(q) && w.before(q[r], q[first]) {
			first = r
		}
		if first == i {
			break
		}
		q[i], q[first] = q[first], q[i]
		i = first
	}
	w.queue = q
	return top
}

// before orders the queue: earliest window start first forward, latest end first backward.
func (w *walker) before(a, b item) bool {
	if w.forward {
		return a.lo < b.lo
	}
	return a.hi > b.hi
}
