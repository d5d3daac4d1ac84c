package graph

import (
	"errors"
	"sync"
)

// Index is the in-memory trace index (追溯索引) of every captured event. One writer at a
// time adds and retracts events; any number of queries read at once under a read lock that a
// writer takes for one event, or a few hundred while bulk loading.
type Index struct {
	wmu sync.Mutex   // one writer at a time; also guards byRow
	mu  sync.RWMutex // readers against the writer

	ids   *interner // identifiers, locations, parties and transformation IDs
	vocab *interner // biz steps, units
	// posts holds, per identifier number, the events that list it as an object or as their
	// transformationID, in the order they were added.
	posts column[[]uint32]

	// One entry per event, by event number (the order added).
	rows  column[int64]
	times column[int64] // eventTime, Unix milliseconds
	steps column[uint32]
	locs  column[uint32]
	recs  column[uint32] // position of the record in words
	kinds column[kind]
	words wordArena

	byRow     rowIndex
	retracted int
	posting   []uint32 // the writer's scratch: identifiers an event is posted under

	shipping, receiving, retail uint32 // vocabulary numbers of the biz steps the walk tells apart
}

// New returns an empty index.
func New() *Index {
	ix := &Index{ids: newInterner(), vocab: newInterner()}
	ix.posts.push(nil) // identifier 0 is the empty string
	ix.shipping = ix.vocab.intern(bizShipping)
	ix.receiving = ix.vocab.intern(bizReceiving)
	ix.retail = ix.vocab.intern(bizRetail)
	return ix
}

// Add puts one event in the index. An event whose row is already there is ignored, so the
// start-up rebuild and capture may both feed an event. The error names an event the index
// cannot hold (an unknown type or action, too many objects).
func (ix *Index) Add(e Event) error {
	return ix.AddBatch([]Event{e})
}

// batchLock is how many events AddBatch adds under one hold of the write lock: short enough
// that a query waits well under a millisecond, long enough that locking costs nothing.
const batchLock = 256

// AddBatch adds events in order, as Add does, taking the lock once per few hundred events:
// the way to rebuild the index from the database. Events it cannot hold are skipped and
// named in the error; the others are added.
func (ix *Index) AddBatch(events []Event) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	var errs []error
	var kinds [batchLock]kind // 0 for an event it cannot hold
	for len(events) > 0 {
		batch := events[:min(len(events), batchLock)]
		events = events[len(batch):]
		for i, e := range batch {
			k, err := kindOf(e)
			if err != nil {
				errs = append(errs, err)
			}
			kinds[i] = k
		}
		ix.insertBatch(batch, kinds[:len(batch)])
	}
	return errors.Join(errs...)
}

// insertBatch adds the events of a batch whose kind is known. The interners' tables are
// grown before the lock, so queries are never held while they are rebuilt.
func (ix *Index) insertBatch(batch []Event, kinds []kind) {
	strs, vocab := 0, 0
	for i, e := range batch {
		if kinds[i] != 0 {
			strs += len(e.Objects) + 4
			vocab += len(e.Objects) + 1
		}
	}
	idSlots, vocabSlots := ix.ids.grown(strs), ix.vocab.grown(vocab)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if idSlots != nil {
		ix.ids.slots = idSlots
	}
	if vocabSlots != nil {
		ix.vocab.slots = vocabSlots
	}
	for i, e := range batch {
		if kinds[i] != 0 {
			ix.insert(e, kinds[i])
		}
	}
}

// insert adds one event under the write lock.
func (ix *Index) insert(e Event, k kind) {
	n := uint32(ix.rows.n)
	late, dup := ix.byRow.place(ix, e.Row, n)
	if dup {
		return
	}
	if late {
		k |= kindLate
	}
	if ix.byRow.takePending(e.Row) {
		k |= kindRetracted
		ix.retracted++
	}
	ix.rows.push(e.Row)
	ix.times.push(e.Time.UnixMilli())
	ix.steps.push(ix.vocab.intern(e.BizStep))
	ix.locs.push(ix.ids.intern(e.Location))
	ix.recs.push(ix.encode(e))
	ix.kinds.push(k)
	for _, id := range ix.posting {
		ix.post(id, n)
	}
}

// post appends event n to the posting list of an identifier, once.
func (ix *Index) post(id, n uint32) {
	for int(id) >= ix.posts.n {
		ix.posts.push(nil)
	}
	p := ix.posts.ref(id)
	if len(*p) == 0 || (*p)[len(*p)-1] != n {
		*p = append(*p, n)
	}
}

// Retract marks the event at row as declared erroneous (EPCIS errorDeclaration): traces
// ignore it from now on, as if it had never been captured. A row not added yet is retracted
// when it is added, so the order in which storage replays events does not matter.
func (ix *Index) Retract(row int64) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	n, ok := ix.byRow.find(ix, row)
	if !ok {
		ix.byRow.addPending(row)
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if k := ix.kinds.ref(n); !k.retracted() {
		*k |= kindRetracted
		ix.retracted++
	}
}

// Stats counts what the index holds.
type Stats struct {
	Events      int // events added, retracted ones included
	Retracted   int
	Identifiers int // distinct identifiers, locations, parties and transformation IDs
}

// Stats returns the index's counts.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return Stats{Events: ix.rows.n, Retracted: ix.retracted, Identifiers: ix.ids.len() - 1}
}
