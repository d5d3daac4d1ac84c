package trace

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/graph"
)

// TestEventKeysSeeOtherProcesses: two event stores over one database stand for two
// processes, each with its keys in memory. What one captures, the other finds at once: a
// repeat is skipped, other content under the eventID is refused, and a query by eventID
// answers it.
func TestEventKeysSeeOtherProcesses(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		other := NewStore(st)
		mustCapture(t, w.events, document(shipping("urn:uuid:k1", 1, gs1Place, "")), System)
		if job := mustCapture(t, other, document(shipping("urn:uuid:k1", 1, gs1Place, "")), System); job.Stored != 0 {
			t.Errorf("the other store stored %d events of a repeat, want 0", job.Stored)
		}
		refused := mustRefuse(t, other, document(shipping("urn:uuid:k1", 2, gs1Place, "")), System)
		if rules := rulesOf(refused.Report.Problems); !slices.Equal(rules, []string{RuleEventIDConflict}) {
			t.Errorf("other content under a stored eventID: rules %v, want %s", rules, RuleEventIDConflict)
		}
		mustCapture(t, other, document(shipping("urn:uuid:k2", 3, gs1Place, "")), System)
		if got := parseAnswer(t, mustQuery(t, w.events, access.Everywhere, "EQ_eventID=urn:uuid:k2")); len(got) != 1 {
			t.Errorf("EQ_eventID of the other store's event answered %d events, want 1", len(got))
		}
		if n := count(t, st, "epcis_events", "event_id IN ('urn:uuid:k1', 'urn:uuid:k2')"); n != 2 {
			t.Errorf("%d events stored, want 2", n)
		}
	})
}

// TestEventKeysAfterDeletion: when the latest events are deleted (capture never does; an
// operator or a test may), their ids are given again, and the keys are read afresh: an
// event stored under a reused id is found.
func TestEventKeysAfterDeletion(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		mustCapture(t, w.events, document(shipping("urn:uuid:d1", 1, gs1Place, "")), System)
		clearEvents(t, st)
		mustCapture(t, NewStore(st), document(shipping("urn:uuid:d2", 2, gs1Place, "")), System)
		if job := mustCapture(t, w.events, document(shipping("urn:uuid:d2", 2, gs1Place, "")), System); job.Stored != 0 {
			t.Errorf("a repeat of the event under a reused id stored %d events, want 0", job.Stored)
		}
		rows, err := w.events.EventRows(t.Context(), []string{"urn:uuid:d1", "urn:uuid:d2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Errorf("rows %v under the keys of a deleted and a stored event, want the stored one's", rows)
		}
	})
}

// TestEventKeysTakeOnlyCommittedRows: the rows a transaction writes reach the keys in
// memory only once committed. Inside the transaction, a document after the first (of a
// group) sees them: the first's event again is a repeat. Rolled back, they leave no key
// behind: the event captured again is stored, and another's under the same ids found.
func TestEventKeysTakeOnlyCommittedRows(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		doc := document(shipping("urn:uuid:r1", 1, gs1Place, ""))
		p, err := prepare(doc, clock(), MaxEvents, 1)
		if err != nil || len(p.problems) > 0 {
			t.Fatal(err, p.problems)
		}
		if err := w.events.lookUpURIs(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
		rolledBack := errors.New("roll back")
		err = w.events.inWriteTx(t.Context(), func(tw writer) error {
			for i, want := range []int{1, 0} {
				job := Job{ReceivedAt: time.Now(), State: JobSucceeded, EventCount: p.events}
				written, err := w.events.writeDocument(context.Background(), tw, &job, &p, nil)
				if err != nil {
					return err
				}
				if len(written.insert) != want {
					t.Errorf("document %d of the transaction wrote %d events, want %d", i+1, len(written.insert), want)
				}
			}
			return rolledBack
		})
		if !errors.Is(err, rolledBack) {
			t.Fatalf("transaction: %v", err)
		}
		// Another process takes the ids the transaction gave: its event is found, not
		// mistaken for the one rolled back.
		other := document(shipping("urn:uuid:r2", 2, gs1Place, ""))
		mustCapture(t, NewStore(st), other, System)
		if job := mustCapture(t, w.events, other, System); job.Stored != 0 {
			t.Errorf("a repeat of another process's event under the rolled-back ids: %d stored, want 0", job.Stored)
		}
		if job := mustCapture(t, w.events, doc, System); job.Stored != 1 {
			t.Errorf("the event of a rolled-back transaction captured again: %d stored, want 1", job.Stored)
		}
	})
}

// TestEventKeysFiledAtCommit: the rows a capture commits are filed in memory at once, so that
// the next capture need not read them back from the database.
func TestEventKeysFiledAtCommit(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		mustCapture(t, w.events, document(shipping("urn:uuid:c1", 1, gs1Place, ""), shipping("urn:uuid:c2", 2, gs1Place, "")), System)
		last := int64(count(t, st, "epcis_events", "true"))
		rows, read := w.events.keys.rowsOf([]int64{eventKey("urn:uuid:c1"), eventKey("urn:uuid:c2")})
		if read != last || !slices.Equal(rows, []int64{last - 1, last}) {
			t.Errorf("keys in memory after the commit: rows %v up to row %d, want [%d %d] up to %d", rows, read, last-1, last, last)
		}
	})
}

// TestEventKeysAddCommitted: committed rows are filed only when they follow the last row
// read; otherwise another writer may have stored rows between, which catchUp reads.
func TestEventKeysAddCommitted(t *testing.T) {
	committed := func(rows ...int64) []*record {
		var out []*record
		for _, row := range rows {
			out = append(out, &record{row: row, key: 100 + row})
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		read     bool // the keys were read from the database once
		last     int64
		records  []*record
		wantLast int64
	}{
		{"following the last row", true, 4, committed(5, 6), 6},
		{"after a gap", true, 4, committed(6, 7), 4},
		{"never read", false, 0, committed(1, 2), 0},
		{"nothing committed", true, 4, nil, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k eventKeys
			if tc.read {
				k.filed, k.last = newKeyRows(0), tc.last
			}
			k.addCommitted(tc.records)
			if k.last != tc.wantLast {
				t.Errorf("last row %d, want %d", k.last, tc.wantLast)
			}
			for _, r := range tc.records {
				filed := len(k.filed.appendRows(nil, r.key)) > 0
				if want := tc.wantLast != tc.last; filed != want {
					t.Errorf("row %d filed %v, want %v", r.row, filed, want)
				}
			}
		})
	}
}

// TestEventKeysLoadedWithTheIndex: a process that starts over a database holding events
// reads their keys with the index, and finds them without another read.
func TestEventKeysLoadedWithTheIndex(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		mustCapture(t, w.events, document(shipping("urn:uuid:l1", 1, gs1Place, ""), shipping("urn:uuid:l2", 2, gs1Place, "")), System)
		started := NewStore(st)
		if _, err := started.LoadIndex(t.Context(), graph.New(), nil); err != nil {
			t.Fatal(err)
		}
		last := int64(count(t, st, "epcis_events", "true"))
		rows, read := started.keys.rowsOf([]int64{eventKey("urn:uuid:l1"), eventKey("urn:uuid:l2")})
		if read != last || !slices.Equal(rows, []int64{last - 1, last}) {
			t.Errorf("keys after loading the index: rows %v up to row %d, want [%d %d] up to %d", rows, read, last-1, last, last)
		}
	})
}

// TestEventKeysAddLoaded: the rows of a batch read in row order are filed from the first
// after the last row read, which a capture meanwhile may have moved on.
func TestEventKeysAddLoaded(t *testing.T) {
	batch := func(rows ...int64) []storedLinks {
		var out []storedLinks
		for _, row := range rows {
			out = append(out, storedLinks{row: row, key: 100 + row})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		read      bool
		last      int64
		batch     []storedLinks
		wantFiled []int64
		wantLast  int64
	}{
		{"first batch", false, 0, batch(1, 2, 3), []int64{1, 2, 3}, 3},
		{"next batch", true, 3, batch(4, 5), []int64{4, 5}, 5},
		{"a capture read further", true, 4, batch(3, 4, 5, 6), []int64{5, 6}, 6},
		{"a capture read past the batch", true, 9, batch(5, 6), nil, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k eventKeys
			if tc.read {
				k.filed, k.last = newKeyRows(0), tc.last
			}
			k.addLoaded(tc.batch)
			var filed []int64
			for _, l := range tc.batch {
				if len(k.filed.appendRows(nil, l.key)) > 0 {
					filed = append(filed, l.row)
				}
			}
			if !slices.Equal(filed, tc.wantFiled) || k.last != tc.wantLast {
				t.Errorf("filed %v up to row %d, want %v up to %d", filed, k.last, tc.wantFiled, tc.wantLast)
			}
		})
	}
}

// TestEventKeysReserve: room is made only while no key is filed, and what is filed stays.
func TestEventKeysReserve(t *testing.T) {
	var k eventKeys
	k.reserve(10)
	k.addLoaded([]storedLinks{{row: 1, key: 101}, {row: 2, key: 101}})
	k.reserve(10)
	if got := k.filed.appendRows(nil, 101); !slices.Equal(got, []int64{1, 2}) || k.last != 2 {
		t.Errorf("rows of key 101 after a second reserve: %v up to row %d, want [1 2] up to 2", got, k.last)
	}
}
