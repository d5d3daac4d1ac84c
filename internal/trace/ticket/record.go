package ticket

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/web"
)

// Recorder records tickets, certificates and ledger lines as EPCIS events, through the
// same capture as any EPCIS document.
type Recorder struct {
	st     *store.Store
	events *trace.Store
	now    func() time.Time
}

// NewRecorder returns a recorder over st that captures into events.
func NewRecorder(st *store.Store, events *trace.Store) *Recorder {
	return &Recorder{st: st, events: events, now: time.Now}
}

// Problem is one broken rule of one entry: the field error (numbered by spreadsheet row for
// an import), the sheet it was read from and, for an import, the value found in the cell.
type Problem struct {
	Sheet string `json:"sheet,omitempty"`
	sheets.CellError
}

// Result is what recording entries did: the events they make and how many of them were
// stored (the others had been recorded before), or the problems that kept them all out.
type Result struct {
	Entries int `json:"entries"`
	Events  int `json:"events"`
	Stored  int `json:"stored"`
	// Lots are the lot identities of the entries, in order.
	Lots     []string  `json:"lots,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
}

// Forbidden reports whether the entries were refused because the caller may not enter one.
func (res Result) Forbidden() bool {
	for _, p := range res.Problems {
		if p.Rule == "out_of_scope" {
			return true
		}
	}
	return false
}

// batch is one call of Record: its movements in order and what it has learnt so far.
type batch struct {
	ctx        context.Context
	st         *store.Store
	events     *trace.Store
	scope      access.Scope
	businesses *businesses
	problems   []Problem
	seen       map[string]map[string]bool // lots named at each place by earlier movements
	held       *trace.Holdings            // what the places hold, the batch's movements booked
	cores      map[string]core            // the batch's events by eventID
	captured   []event                    // to capture, with the movement of each
	origins    []*movement
	lots       map[string][]string // stored lots by holder and batch number, see storedLots
	placed     []string            // the lots of the movements placed
}

// Record records entries as EPCIS events, all or none, as the caller of ctx: each entry is
// checked on its own, against the registry, against what the caller may enter, against
// events recorded before (a repeat is no new event; the same ticket recorded otherwise
// is refused) and against what the seller holds; then the new events are captured as one
// document. The error is for failures of the system; problems of the entries are in the
// Result.
func (r *Recorder) Record(ctx context.Context, entries []Entry) (Result, error) {
	b := &batch{ctx: ctx, st: r.st, events: r.events, scope: access.ScopeFrom(ctx), businesses: newBusinesses(r.st),
		seen: map[string]map[string]bool{}, held: trace.NewHoldings(trace.PoolReader{DB: r.st.ReadDB()}, r.st.Dialect()), cores: map[string]core{}, lots: map[string][]string{}}
	res := Result{Entries: len(entries)}
	now := r.now()
	for i := range entries {
		m, errs := readEntry(&entries[i], now)
		for _, f := range errs {
			b.problem(&m, f.Field, f.Rule, f.Params)
		}
		ok, err := b.resolve(&m, errs)
		if err == nil && ok {
			err = b.place(&m)
		}
		if err != nil {
			return Result{}, err
		}
		res.Events += len(m.sides())
	}
	res.Lots = b.placed
	if len(b.problems) > 0 || len(b.captured) == 0 {
		res.Problems = b.problems
		return res, nil
	}
	stored, err := b.capture(now)
	res.Stored, res.Problems = stored, b.problems
	return res, err
}

// problem adds a broken rule of m's entry.
func (b *batch) problem(m *movement, field, rule string, params map[string]any) {
	b.problems = append(b.problems, Problem{Sheet: m.entry.Sheet,
		CellError: sheets.CellError{FieldError: apperr.FieldError{Row: m.entry.Row, Field: field, Rule: rule, Params: params}}})
}

// capture captures the batch's new events as one document. The caller was checked entry by
// entry (permitted), so capture is asked to take every place of the document: a ticket
// entered by its market has its events at the seller's and the buyer's.
func (b *batch) capture(now time.Time) (int, error) {
	doc, err := document(b.captured, now)
	if err != nil {
		return 0, err
	}
	by := trace.Capturer{Scope: access.Everywhere}
	if u := web.UserFrom(b.ctx); u != nil {
		by.UserID, by.OrgUnitID = u.ID, u.OrgUnitID
	}
	job, err := b.events.CaptureChecked(b.ctx, doc, by, b.recheck)
	var refused *trace.RefusedError
	switch {
	case errors.As(err, &refused):
		b.refused(refused.Report.Problems)
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("capture entries: %w", err)
	}
	return job.Stored, nil
}
