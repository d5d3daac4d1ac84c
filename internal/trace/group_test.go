package trace

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// errPanic marks the error of a capture that panicked.
var errPanic = errors.New("capture panicked")

// captured is what came of one capture.
type captured struct {
	job Job
	err error
}

// captureGroup holds the writer with a capture whose check waits, captures docs (with
// checks[i], when set), each once the one before waits for its turn, lets the writer go
// once they all wait, and returns what came of each: docs are written as one group, in
// their order.
func captureGroup(t *testing.T, s *Store, docs [][]byte, checks map[int]Check) []captured {
	t.Helper()
	entered, release := make(chan struct{}), make(chan struct{})
	hold := func(context.Context, TxReader, []int) ([]epcis.Problem, error) {
		close(entered)
		<-release
		return nil, nil
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := s.CaptureChecked(context.Background(), document(shipping("urn:uuid:hold", 100, gs1Place, "")), System, hold); err != nil {
			t.Errorf("holding capture: %v", err)
		}
	})
	<-entered
	out := make([]captured, len(docs))
	for i, doc := range docs {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					out[i].err = fmt.Errorf("%w: %v", errPanic, r)
				}
			}()
			out[i].job, out[i].err = s.CaptureChecked(context.Background(), doc, System, checks[i])
		})
		for s.Waiting() <= i {
			time.Sleep(time.Millisecond)
		}
	}
	close(release)
	wg.Wait()
	return out
}

// TestCaptureGroup: documents waiting for their turn are written together, each still all
// or nothing and seeing the ones before it: a repeat of an earlier document's eventID with
// other content is refused, with its failed job only; a declaration marks the event an
// earlier document stored.
func TestCaptureGroup(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		got := captureGroup(t, s, [][]byte{
			document(shipping("urn:uuid:g1", 1, gs1Place, "")),
			document(shipping("urn:uuid:g2", 2, gs1Place, ""), shipping("urn:uuid:g1", 3, gs1Place, "")),
			document(shipping("urn:uuid:g1", 1, gs1Place, declared)),
		}, nil)
		var refused *RefusedError
		switch {
		case got[0].err != nil || got[0].job.Stored != 1:
			t.Errorf("first document: %+v", got[0])
		case !errors.As(got[1].err, &refused) || refused.Job.State != JobFailed || refused.Job.ID == 0 ||
			rulesOf(refused.Report.Problems)[0] != RuleEventIDConflict:
			t.Errorf("clashing document: %+v, want it refused for the eventID", got[1])
		case got[2].err != nil || got[2].job.Stored != 1:
			t.Errorf("declaration: %+v", got[2])
		}
		for _, c := range []struct {
			table, where string
			want         int
		}{
			{"epcis_events", "event_id = 'urn:uuid:g2'", 0},                             // the refused document's
			{"epcis_events", "event_id = 'urn:uuid:g1' AND declared_ms IS NOT NULL", 2}, // the event and its declaration
			{"epcis_capture_jobs", "1 = 1", 4},                                          // the holding capture's and the group's
		} {
			if n := count(t, st, c.table, c.where); n != c.want {
				t.Errorf("%d rows of %s where %s, want %d", n, c.table, c.where, c.want)
			}
		}
	})
}

// TestCaptureGroupFailing: when writing a group fails, each of its documents is written on
// its own: the one that fails fails alone, and stores nothing.
func TestCaptureGroupFailing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		broken := errors.New("broken check")
		failing := func(context.Context, TxReader, []int) ([]epcis.Problem, error) { return nil, broken }
		got := captureGroup(t, s, [][]byte{
			document(shipping("urn:uuid:f1", 1, gs1Place, "")),
			document(shipping("urn:uuid:f2", 2, gs1Place, "")),
			document(shipping("urn:uuid:f3", 3, gs1Place, "")),
		}, map[int]Check{1: failing})
		if got[0].err != nil || got[2].err != nil || !errors.Is(got[1].err, broken) {
			t.Errorf("captures: %+v, want the second alone failing", got)
		}
		for id, want := range map[string]int{"urn:uuid:f1": 1, "urn:uuid:f2": 0, "urn:uuid:f3": 1} {
			if n := count(t, st, "epcis_events", "event_id = $1", id); n != want {
				t.Errorf("%d events %s, want %d", n, id, want)
			}
		}
		// The first document's URIs were added by the group's transaction too, and rolled
		// back: each event must still name its own lot and EPC.
		for id, n := range map[string]string{"urn:uuid:f1": "1", "urn:uuid:f3": "3"} {
			if got := count(t, st, "epcis_event_objects o JOIN epcis_events e ON e.id = o.event_row JOIN epcis_uris u ON u.id = o.uri_id",
				"e.event_id = $1 AND (u.uri LIKE $2 OR u.uri LIKE $3)", id, "%/21/"+n, "%/10/L"+n); got != 2 {
				t.Errorf("event %s names %d of its lot and EPC, want both", id, got)
			}
		}
	})
}

// TestCaptureGroupPanicking: when writing a group panics, the capture that wrote it panics,
// the others of the group fail, and the next capture is written.
func TestCaptureGroupPanicking(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		panicking := func(context.Context, TxReader, []int) ([]epcis.Problem, error) { panic("broken check") }
		got := captureGroup(t, s, [][]byte{
			document(shipping("urn:uuid:p1", 1, gs1Place, "")),
			document(shipping("urn:uuid:p2", 2, gs1Place, "")),
		}, map[int]Check{1: panicking})
		var panicked, failed int
		for _, c := range got {
			switch {
			case errors.Is(c.err, errPanic):
				panicked++
			case errors.Is(c.err, errGroupPanicked):
				failed++
			}
		}
		if panicked != 1 || failed != 1 {
			t.Errorf("captures: %+v, want one panicking and the other failing", got)
		}
		mustCapture(t, s, document(shipping("urn:uuid:p3", 3, gs1Place, "")), System)
		if n := count(t, st, "epcis_events", "event_id IN ('urn:uuid:p1', 'urn:uuid:p2')"); n != 0 {
			t.Errorf("%d events of the panicked group stored", n)
		}
	})
}

// TestSortOutDecidesAfresh: sorting a document out again against other stored events
// forgets what the first time decided, as a document of a failed group is written again.
func TestSortOutDecidesAfresh(t *testing.T) {
	p, err := prepare(document(shipping("urn:uuid:a", 1, gs1Place, "")), time.Now(), MaxEvents, 1)
	if err != nil || len(p.problems) > 0 {
		t.Fatal(err, p.problems)
	}
	declaration := &known{row: 7, hash: p.records[0].hash, declaredMs: 1714608000000}
	if s := sortOut(&p, map[string]*sameID{"urn:uuid:a": {decl: declaration}}); len(s.insert) != 1 || s.insert[0].declaredMs == 0 {
		t.Fatalf("beside a stored declaration: %+v, want the event stored declared", s)
	}
	if s := sortOut(&p, map[string]*sameID{}); len(s.insert) != 1 || s.insert[0].declaredMs != 0 {
		t.Errorf("alone: declared at %d, want not declared", s.insert[0].declaredMs)
	}
}

// TestGroupBound: a group takes the documents queued up to maxGroupEvents events, and its
// first document whatever its size.
func TestGroupBound(t *testing.T) {
	doc := func(events int) *queued { return &queued{p: &prepared{events: events}} }
	tests := []struct {
		queue []int
		want  int
	}{
		{[]int{1}, 1},
		{[]int{1000, 1000, 1000}, 3},
		{[]int{maxGroupEvents - 1, 1, 1}, 2},
		{[]int{maxGroupEvents, 1}, 1},
		{[]int{5, maxGroupEvents}, 1},
	}
	for _, tt := range tests {
		var g groupWriter
		for _, n := range tt.queue {
			g.queue = append(g.queue, doc(n))
		}
		if got := g.next(); len(got) != tt.want || len(g.queue) != len(tt.queue)-tt.want {
			t.Errorf("queue %v: group of %d, %d left; want %d", tt.queue, len(got), len(g.queue), tt.want)
		}
	}
}
