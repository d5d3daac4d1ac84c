package trace

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/synth"
)

// TestLoadIndexTracesSmallChain captures the worked small chain, rebuilds the trace index
// from the database as the server does at start, reading the links in one range of ids and
// in ranges of a few, and checks every worked answer: the events of each lot's backward
// and forward trace, and the places of its recall.
func TestLoadIndexTracesSmallChain(t *testing.T) {
	onSmallChain(t, func(t *testing.T, w *world, fix synth.Fixture) {
		stored := count(t, w.st, "epcis_events", "NOT declaration AND declared_ms IS NULL")
		rows := int64(count(t, w.st, "epcis_events", "1 = 1"))
		if rows < 10 {
			t.Fatalf("the small chain stored %d events, too few to read in ranges", rows)
		}
		for _, rangeIDs := range []int64{linksRangeIDs, 3, 1} {
			ix := graph.New()
			var lastDone, lastTotal int64
			n, err := NewStore(w.st).loadIndex(context.Background(), ix, func(done, total int64) { lastDone, lastTotal = done, total }, rangeIDs)
			if err != nil {
				t.Fatal(err)
			}
			if n != int64(stored) {
				t.Errorf("ranges of %d: LoadIndex added %d events, want the %d standing", rangeIDs, n, stored)
			}
			if lastDone != rows || lastTotal != rows {
				t.Errorf("ranges of %d: progress ended at %d of %d, want %d of %d", rangeIDs, lastDone, lastTotal, rows, rows)
			}
			checkCases(t, ix, fix.Cases, eventIDsByRow(t, w.st))
		}
	})
}

// onSmallChain runs test on each engine, with a store that holds the worked small chain
// captured.
func onSmallChain(t *testing.T, test func(t *testing.T, w *world, fix synth.Fixture)) {
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			w := newWorld(t, storetest.Open(t, d))
			registerChain(t, w, fix.Businesses)
			for _, doc := range fix.Documents {
				mustCapture(t, w.events, doc, System)
			}
			test(t, w, fix)
		})
	}
}

// registerChain registers the chain's businesses at the world's first station.
func registerChain(t *testing.T, w *world, businesses []synth.Business) {
	t.Helper()
	now := time.Now().UTC()
	for _, b := range businesses {
		_, err := w.st.DB().ExecContext(context.Background(), `INSERT INTO businesses (uscc, name, category, address,
			district_id, station_id, lat, lng, created_at, updated_at) VALUES ($1, $2, 'sales', '', $3, $4, 30, 120, $5, $5)`,
			b.USCC, b.Name, w.district, w.stations[0], now)
		if err != nil {
			t.Fatal(err)
		}
	}
}

func eventIDsByRow(t *testing.T, st *store.Store) map[int64]string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT id, event_id FROM epcis_events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[int64]string{}
	for rows.Next() {
		var row int64
		var id string
		if err := rows.Scan(&row, &id); err != nil {
			t.Fatal(err)
		}
		ids[row] = id
	}
	return ids
}

func checkSteps(t *testing.T, dir string, walk func(string, graph.Options) (graph.Trace, error), lot string,
	want []synth.EventRef, ids map[int64]string) {
	t.Helper()
	tr, err := walk(lot, graph.Options{})
	if err != nil {
		t.Fatalf("%s %s: %v", dir, lot, err)
	}
	got := map[string]bool{}
	for _, s := range tr.Steps {
		got[ids[s.Row]] = true
	}
	wanted := map[string]bool{}
	for _, e := range want {
		wanted[e.ID] = true
		if !got[e.ID] {
			t.Errorf("%s trace of %s misses %s (%s)", dir, lot, e.ID, e.What)
		}
	}
	for id := range got {
		if !wanted[id] {
			t.Errorf("%s trace of %s has %s, which it should not", dir, lot, id)
		}
	}
}

func checkRecall(t *testing.T, ix *graph.Index, c synth.TraceCase) {
	t.Helper()
	scope, err := ix.Recall(c.Lot, graph.Options{})
	if err != nil {
		t.Fatalf("recall %s: %v", c.Lot, err)
	}
	got := map[string]bool{}
	for _, p := range scope.Places {
		got[p.Location] = true
	}
	want := map[string]bool{}
	for _, r := range c.Recall {
		want[r.Business.Location()] = true
	}
	if !maps.Equal(got, want) {
		t.Errorf("recall of %s reaches %v, want %v", c.Lot, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
}

// TestCaptureFeedsIndex captures the worked small chain into a store that feeds an index,
// with no rebuild: the index answers every worked trace and recall, error declarations
// captured in later documents retracting what they declare.
func TestCaptureFeedsIndex(t *testing.T) {
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			st := storetest.Open(t, d)
			w := newWorld(t, st)
			registerChain(t, w, fix.Businesses)
			ix := graph.New()
			w.events.Feed(ix)
			for _, doc := range fix.Documents {
				mustCapture(t, w.events, doc, System)
			}
			checkCases(t, ix, fix.Cases, eventIDsByRow(t, st))
		})
	}
}

// checkCases checks every worked trace and recall of the small chain against ix.
func checkCases(t *testing.T, ix *graph.Index, cases []synth.TraceCase, ids map[int64]string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			checkSteps(t, "backward", ix.Backward, c.Lot, c.Backward, ids)
			checkSteps(t, "forward", ix.Forward, c.Lot, c.Forward, ids)
			checkRecall(t, ix, c)
		})
	}
}

// TestLoadIndexReadsCoveringIndex: on SQLite, the walk that rebuilds the index and the read
// of the keys stored since a row take the links and keys from an index that holds them,
// not from the table's rows, which hold each event's JSON too.
func TestLoadIndexReadsCoveringIndex(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	w := newWorld(t, st)
	mustCapture(t, w.events, benchDocument(w, 0), System)
	conn, err := st.ReadDB().Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, tt := range []struct {
		name, stmt string
		args       []any
	}{{"links", linksSQL, []any{0, linksRangeIDs}}, {"keys stored since", keysSinceSQL, []any{1}}} {
		if plan := explain(t, conn, store.SQLite, tt.stmt, tt.args); !strings.Contains(plan, "USING COVERING INDEX epcis_events_links") {
			t.Errorf("%s: plan reads the table:\n%s", tt.name, plan)
		}
	}
}

// TestLoadURIsInRanges reads the interned URIs of the small chain in one range and in
// ranges of a few rows read at once: each gives every URI at its id.
func TestLoadURIsInRanges(t *testing.T) {
	onSmallChain(t, func(t *testing.T, w *world, fix synth.Fixture) {
		want := []string{""}
		rows, err := w.st.DB().QueryContext(t.Context(), `SELECT uri FROM epcis_uris ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var uri string
			if err := rows.Scan(&uri); err != nil {
				t.Fatal(err)
			}
			want = append(want, uri)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(want) < 10 {
			t.Fatalf("the small chain interned %d URIs, too few to read in ranges", len(want)-1)
		}
		for _, chunkRows := range []int64{uriChunkRows, 3, 1} {
			got, err := w.events.loadURIs(t.Context(), chunkRows)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ranges of %d: read %q, want %q", chunkRows, got, want)
			}
		}
	})
}
