package trace

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/shejian/shejian/internal/store"
)

// Group commit. Captures take turns to write, and a turn costs more than its rows: the
// transaction's lookups, and its commit, which on SQLite copies every page the transaction
// changed into the log, however many of its rows went on it, and on PostgreSQL waits for
// the log to reach the disk. So the documents waiting for their turn are written together,
// in one transaction, in the order they came, each still all or nothing: writeDocument
// decides whether a document clashes with stored events (or with the documents before it
// in the group, which it sees) before it writes any row, and a document that clashes
// writes only its failed job. When the transaction fails all the same, each of its
// documents is written again in a transaction of its own, so that no document fails for
// another's fault.
//
// The writer needs no goroutine of its own: the capture that finds no group being written
// writes one (it leads), taking the documents queued then, itself first; when it is done,
// it hands the lead to the first document queued meanwhile, whose capture writes the next
// group, and returns.

// maxGroupEvents bounds the events of a group, and so how long a transaction keeps other
// writers of the database waiting: one document at the capture limit, or several smaller.
const maxGroupEvents = MaxEvents

// queued is a document waiting for its turn, then what came of writing it.
type queued struct {
	ctx      context.Context // the capture's, which a transaction writing it alone runs in
	received Job             // the job as capture made it, before any attempt to write it
	job      Job
	p        *prepared
	check    Check
	lead     chan struct{} // closed when the document's capture is to write the next group
	done     chan struct{} // closed when the document is written, refused or failed
	// written is what was written (set when committed); refused the report of a document
	// that clashed, whose failed job was written; err why the document could not be written.
	written sorted
	refused *Report
	err     error
}

// groupWriter queues the documents to write and says whose capture writes them.
type groupWriter struct {
	mu      sync.Mutex
	queue   []*queued
	writing bool // a group is being written
}

// write queues q and returns once it is written, refused or failed, writing groups itself
// when its turn comes to lead.
func (s *Store) write(q *queued) {
	g := &s.group
	g.mu.Lock()
	g.queue = append(g.queue, q)
	if g.writing {
		g.mu.Unlock()
		select {
		case <-q.done:
			return
		case <-q.lead:
		}
		g.mu.Lock()
	}
	g.writing = true
	group := g.next()
	g.mu.Unlock()
	defer g.handOff()
	s.writeGroup(group)
}

// handOff gives the lead to the first document queued, if any, once a group is written (or
// its writing panicked: the captures waiting must not wait for ever).
func (g *groupWriter) handOff() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) > 0 {
		close(g.queue[0].lead)
	} else {
		g.writing = false
	}
}

// Waiting is how many documents wait for their turn to be written, behind the group being
// written: the backlog of capture.
func (s *Store) Waiting() int {
	s.group.mu.Lock()
	defer s.group.mu.Unlock()
	return len(s.group.queue)
}

// next takes the next group from the queue: its first document, and those after it up to
// maxGroupEvents events.
func (g *groupWriter) next() []*queued {
	n, events := 1, g.queue[0].p.events
	for ; n < len(g.queue) && events+g.queue[n].p.events <= maxGroupEvents; n++ {
		events += g.queue[n].p.events
	}
	group := g.queue[:n:n]
	g.queue = append([]*queued(nil), g.queue[n:]...)
	return group
}

// writeGroup writes a group in one transaction, in the context of its first document's
// capture, or, when that fails, each of its documents in a transaction of its own and its
// own capture's context; then it feeds the index and lets the documents' captures go,
// failed if writing panicked.
func (s *Store) writeGroup(group []*queued) {
	finished := false
	defer func() {
		for _, q := range group {
			if !finished {
				q.err = errGroupPanicked
			}
			close(q.done)
		}
	}()
	ctx := group[0].ctx
	writing.Add(1)
	defer writing.Add(-1)
	err := s.inWriteTx(ctx, func(w writer) error {
		for _, q := range group {
			if err := s.writeQueued(ctx, w, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && len(group) > 1 {
		for _, q := range group {
			q.err = s.inWriteTx(q.ctx, func(w writer) error { return s.writeQueued(q.ctx, w, q) })
		}
	} else {
		for _, q := range group {
			q.err = err
		}
	}
	for _, q := range group {
		if q.err == nil && q.refused == nil {
			s.keys.addCommitted(q.written.insert)
			s.feed(q.ctx, q.written)
		}
	}
	finished = true
}

// errGroupPanicked fails the documents of a group whose writing panicked.
var errGroupPanicked = errors.New("writing the group of documents panicked")

// writeQueued writes one document of a group in w: its events, or, when they clash with
// stored events, its failed job with the problems. It starts afresh from the job as
// received, as a document is written again when its group fails.
func (s *Store) writeQueued(ctx context.Context, w writer, q *queued) error {
	q.job, q.written, q.refused = q.received, sorted{}, nil
	q.job.FinishedAt = clock()
	written, err := s.writeDocument(ctx, w, &q.job, q.p, q.check)
	if err != nil || len(written.problems) == 0 {
		q.written = written
		return err
	}
	q.refused = &Report{Refusal: RefusedInvalid, Problems: written.problems}
	q.job.State, q.job.FinishedAt, q.job.Report, q.job.Stored = JobFailed, clock(), q.refused, 0
	return insertJob(ctx, w, &q.job)
}

// inWriteTx runs fn in a transaction that writes events. On PostgreSQL it begins by
// locking epcis_events: capture gives the ids of events and URIs itself and decides
// repeats from what is stored, so its transactions take turns (SQLite has one writer). A
// panic in fn (a Check's) rolls the transaction back before it goes on: the write
// connection is not left in a transaction that no one ends.
func (s *Store) inWriteTx(ctx context.Context, fn func(w writer) error) error {
	var panicked any
	err := s.inTx(ctx, func(w writer) (err error) {
		defer func() {
			if panicked = recover(); panicked != nil {
				err = errGroupPanicked
			}
		}()
		if w.dialect() == store.Postgres {
			if err := w.exec(ctx, `LOCK TABLE epcis_events IN EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("lock events: %w", err)
			}
		}
		return fn(w)
	})
	if panicked != nil {
		panic(panicked)
	}
	return err
}
