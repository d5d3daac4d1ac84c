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

// item is an identifier waiting to be walked over a time window [lo, hi]: the whole of its
// future (forward) or past (backward), or, for a parent followed because a traced identifier
// was inside it, the time it was inside.
type item struct {
	id, carried uint32 // carried: the traced identifier inside a parent, else 0
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

type stepKey struct{ ev, id, carried uint32 }

type windowKey struct {
	id, carried uint32
	lo, hi      int64
}

// walker is one trace in progress. Items are taken earliest first (forward) or latest first
// (backward), so an identifier is walked once, from the earliest time it is reached (the
// latest, backward), like Dijkstra's earliest arrival over a time-respecting graph. Walkers
// are pooled with their maps and slices, so a query allocates little more than its answer.
type walker struct {
	ix        *Index
	forward   bool
	maxSteps  int
	work      int // posting entries still to be examined before the walk is cut short
	queue     []item
	done      map[uint32]bool // identifiers walked whole
	known     map[uint32]bool // identifiers in reached
	windows   map[windowKey]bool
	seen      map[stepKey]bool
	steps     []stepRec
	reached   []reachRec
	truncated bool
	rec, peer record // decoding scratch: the event being visited, and events looked up from it
}

var walkers = sync.Pool{New: func() any {
	return &walker{done: map[uint32]bool{}, known: map[uint32]bool{}, windows: map[windowKey]bool{}, seen: map[stepKey]bool{}}
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
	w.push(item{id: start, lo: minTime, hi: maxTime, link: LinkStart, ev: noEvent})
	for len(w.queue) > 0 && !w.truncated {
		it := w.pop()
		if w.claim(it) {
			w.visit(it)
		}
	}
	slices.SortFunc(w.steps, ix.byTime)
	w.reached[0].ev = w.startEvent(start)
	return w, nil
}

// release clears the walker and gives it back to the pool.
func (w *walker) release() {
	clear(w.done)
	clear(w.known)
	clear(w.windows)
	clear(w.seen)
	w.ix, w.queue, w.steps, w.reached = nil, w.queue[:0], w.steps[:0], w.reached[:0]
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
	if it.carried == 0 {
		if w.done[it.id] {
			return false
		}
		w.done[it.id] = true
	} else {
		key := windowKey{it.id, it.carried, it.lo, it.hi}
		if w.windows[key] {
			return false
		}
		w.windows[key] = true
	}
	if !w.known[it.id] {
		w.known[it.id] = true
		w.reached = append(w.reached, reachRec{id: it.id, from: it.from, ev: it.ev, link: it.link})
	}
	return true
}

// visit walks the events of an item within its window.
func (w *walker) visit(it item) {
	ix := w.ix
	posts := w.scan(it.id)
	if w.forward {
		it.hi = min(it.hi, w.saleStop(posts, it))
	}
	for _, ev := range posts {
		t := ix.times.at(ev)
		if ix.kinds.at(ev).retracted() || t < it.lo || t > it.hi {
			continue
		}
		w.visitEvent(it, ev, t)
		if w.truncated {
			return
		}
	}
}

// visitEvent records the steps of one event about the item and follows its links.
func (w *walker) visitEvent(it item, ev uint32, t int64) {
	key := stepKey{ev, it.id, it.carried}
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	ix := w.ix
	ix.decode(ix.recs.at(ev), &w.rec)
	leaf := w.forward && ix.steps.at(ev) == ix.retail
	for i := range w.rec.objs {
		o := w.rec.objs[i]
		if o.id != it.id {
			continue
		}
		if len(w.steps) >= w.maxSteps {
			w.truncated = true
			return
		}
		w.steps = append(w.steps, w.stepOf(it, ev, uint32(i), o, leaf))
		if !leaf {
			w.follow(it, ev, t, o)
		}
	}
}

// stepOf makes the step of object o, the i-th of event ev, walked as part of item it.
func (w *walker) stepOf(it item, ev, i uint32, o object, leaf bool) stepRec {
	s := stepRec{t: w.ix.times.at(ev), row: w.ix.rows.at(ev), ev: ev, obj: i, id: o.id, carried: it.carried,
		src: w.rec.src, dest: w.rec.dest, role: o.role, leaf: leaf}
	s.qty, s.uom, s.hasQty = tracedQuantity(it, o)
	return s
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
