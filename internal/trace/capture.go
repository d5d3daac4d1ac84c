package trace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/web"
)

// The capture limits, advertised by the GS1-EPCIS-Capture-File-Size-Limit and
// GS1-EPCIS-Capture-Limit headers: a larger document is refused (413) unread. A document
// at the limits takes about a second to capture.
const (
	MaxDocumentBytes = 8 << 20
	MaxEvents        = 10_000
)

// errTooLarge is the error of a document over the capture limits.
var errTooLarge = apperr.New(apperr.TooLarge, "trace.capture_too_large",
	map[string]any{"bytes": MaxDocumentBytes, "events": MaxEvents})

// Store keeps captured events and capture jobs.
type Store struct {
	st     *store.Store
	sqlite *sqliteStatements // capture's statements on SQLite
	index  *graph.Index      // fed with every capture once committed, when set (Feed)
	group  groupWriter       // the documents waiting to be written (group.go)
	keys   eventKeys         // the rows of the stored events by eventID (event_keys.go)
	uris   uriCache          // the ids of URIs recently named (uri_cache.go)
}

// Feed makes every capture add the events it stores to ix once committed, and retract the
// events it declares erroneous, so that traces see them at once. Call it before capturing;
// the index may be loading from the database meanwhile (LoadIndex), which it allows.
func (s *Store) Feed(ix *graph.Index) { s.index = ix }

// NewStore returns the event store over st.
func NewStore(st *store.Store) *Store {
	return &Store{st: st, sqlite: &sqliteStatements{db: st.DB()}}
}

// Capturer is who captures a document: an account with its unit, and the scope it may
// capture for. A business operator's scope is its business.
type Capturer struct {
	UserID, OrgUnitID int64 // zero for the system (the command line, benchmarks)
	Scope             access.Scope
}

// System captures for the whole city, as the command line and benchmarks do.
var System = Capturer{Scope: access.Everywhere}

// CapturerFrom returns the caller of a request as a capturer.
func CapturerFrom(ctx context.Context) Capturer {
	c := Capturer{Scope: access.ScopeFrom(ctx)}
	if u := web.UserFrom(ctx); u != nil {
		c.UserID, c.OrgUnitID = u.ID, u.OrgUnitID
	}
	return c
}

// Capture stores every event of an EPCIS document, or none: a document breaking a rule of
// the standard, with an event at a place the capturer may not speak for or with an
// eventID stored for other content is refused with a *RefusedError, and only its failed
// job is recorded. A document over the capture limits is refused unrecorded (413).
func (s *Store) Capture(ctx context.Context, doc []byte, by Capturer) (Job, error) {
	return s.CaptureChecked(ctx, doc, by, nil)
}

// CaptureChecked captures as Capture does, and refuses the document too when check, run
// inside the transaction that writes it, finds problems with its new events.
func (s *Store) CaptureChecked(ctx context.Context, doc []byte, by Capturer, check Check) (Job, error) {
	if len(doc) > MaxDocumentBytes {
		return Job{}, errTooLarge
	}
	defer relaxGC()()
	now := clock()
	job := Job{UserID: by.UserID, BusinessID: by.Scope.BusinessID, OrgUnitID: by.OrgUnitID, ReceivedAt: now, Size: len(doc)}
	p, err := prepareInTurn(doc, now)
	job.EventCount, job.Context = p.events, p.context
	switch {
	case errors.Is(err, epcis.ErrTooManyEvents):
		return Job{}, errTooLarge
	case err != nil:
		return Job{}, fmt.Errorf("capture: %w", err)
	case len(p.problems) > 0:
		return s.refuse(ctx, job, Report{Refusal: RefusedInvalid, Problems: p.problems})
	}
	problems, err := assignOwners(ctx, s.st, &p, by.Scope)
	if err != nil {
		return Job{}, fmt.Errorf("capture: %w", err)
	}
	if len(problems) > 0 {
		return s.refuse(ctx, job, Report{Refusal: refusalOf(problems), Problems: problems})
	}
	if err := s.lookUpURIs(ctx, &p); err != nil {
		return Job{}, fmt.Errorf("capture: %w", err)
	}
	// The keys of the events committed meanwhile are read now, while another document is
	// written, so that its transaction reads only those committed after (storedIDs).
	if err := s.keys.catchUp(ctx, PoolReader{s.st.ReadDB()}); err != nil {
		return Job{}, fmt.Errorf("capture: %w", err)
	}
	job.State = JobSucceeded
	q := &queued{ctx: ctx, received: job, p: &p, check: check, lead: make(chan struct{}), done: make(chan struct{})}
	s.write(q)
	switch {
	case q.err != nil:
		return Job{}, fmt.Errorf("capture: %w", store.Normalize(q.err))
	case q.refused != nil:
		return q.job, &RefusedError{Job: q.job, Report: *q.refused}
	}
	return q.job, nil
}

// feed hands the index what a committed capture wrote: its events that stand (neither a
// declaration nor declared in the same document) and the stored events it declared.
func (s *Store) feed(ctx context.Context, w sorted) {
	if s.index == nil {
		return
	}
	events := make([]graph.Event, 0, len(w.insert))
	for _, r := range w.insert {
		if !r.declaration() && r.declaredMs == 0 {
			events = append(events, graph.FromFacts(r.row, r.facts))
		}
	}
	if err := s.index.AddBatch(events); err != nil {
		// Stored events the index cannot hold are left out of traces; the rest are in.
		slog.ErrorContext(ctx, "trace index: add captured events", "err", err)
	}
	for _, m := range w.marks {
		s.index.Retract(m.row)
	}
}

// writing counts the groups of documents being written. A transaction keeps a core busy
// (SQLite's in this process, PostgreSQL's in the server) and transactions take turns: a
// document validated meanwhile leaves it that core, so that the turns come round sooner.
// preparing lets one document be validated at a time, on the cores the writer leaves
// (their events shared among them): documents sent at once then wait for their turn to be
// validated rather than take the writer's core, and are written in groups (group.go).
var (
	writing   atomic.Int32
	preparing = make(chan struct{}, 1)
)

// prepareInTurn prepares doc when its turn comes, on the cores the writer leaves.
func prepareInTurn(doc []byte, now time.Time) (prepared, error) {
	preparing <- struct{}{}
	defer func() { <-preparing }()
	return prepare(doc, now, MaxEvents, max(1, runtime.GOMAXPROCS(0)-int(writing.Load())))
}

// clock is the time now, in UTC to the millisecond: the precision of a recordTime.
func clock() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// refusalOf is the refusal of a document by the problems of its places: forbidden when
// the capturer may not speak for one of them, invalid when a place is only unknown.
func refusalOf(problems []epcis.Problem) Refusal {
	if slices.ContainsFunc(problems, func(p epcis.Problem) bool { return p.Rule != RuleLocationUnknown }) {
		return RefusedForbidden
	}
	return RefusedInvalid
}

// refuse records job as failed with report and returns it with a *RefusedError.
func (s *Store) refuse(ctx context.Context, job Job, report Report) (Job, error) {
	job.State, job.FinishedAt, job.Report, job.Stored = JobFailed, clock(), &report, 0
	if err := s.inTx(ctx, func(w writer) error { return insertJob(ctx, w, &job) }); err != nil {
		return Job{}, fmt.Errorf("record refused capture: %w", err)
	}
	return job, &RefusedError{Job: job, Report: report}
}
