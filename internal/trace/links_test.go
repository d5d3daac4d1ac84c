package trace

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/synth"
)

// smallChainFacts are the facts of every event of the worked small chain.
func smallChainFacts(t *testing.T) []epcis.Facts {
	t.Helper()
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	var out []epcis.Facts
	for _, doc := range fix.Documents {
		events, err := epcis.Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			f, err := e.Facts()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, f)
		}
	}
	return out
}

// TestLinksDecodeToTheIndexView: an event's links record decodes to what the index takes of
// its facts, times to the millisecond.
func TestLinksDecodeToTheIndexView(t *testing.T) {
	uris, ids := []string{""}, map[string]int64{}
	intern := func(u string) {
		if _, ok := ids[u]; !ok && u != "" {
			ids[u] = int64(len(uris))
			uris = append(uris, u)
		}
	}
	facts := smallChainFacts(t)
	for i := range facts {
		(&record{facts: facts[i]}).uris(intern)
	}
	for i, f := range facts {
		r := &record{facts: f}
		b := appendLinks(nil, &f, r.typeCode(), r.actionCode(), ids)
		got, err := decodeLinks(int64(i+1), b, uris)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		want := graph.FromFacts(int64(i+1), f)
		want.Time = want.Time.Truncate(1e6).UTC()
		for _, list := range []*[]epcis.Typed{&want.Sources, &want.Destinations, &want.BizTransactions} {
			if len(*list) == 0 {
				*list = nil
			}
		}
		if len(want.Objects) == 0 {
			want.Objects = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("event %d decodes to\n%+v\nwant\n%+v", i, got, want)
		}
	}
}

// TestLinksRefuseDamagedRecords: every cut of a record, and a record with bytes after its
// end, is refused with an error, never a panic.
func TestLinksRefuseDamagedRecords(t *testing.T) {
	f := smallChainFacts(t)[0]
	ids := map[string]int64{}
	uris := []string{""}
	(&record{facts: f}).uris(func(u string) {
		if _, ok := ids[u]; !ok && u != "" {
			ids[u] = int64(len(uris))
			uris = append(uris, u)
		}
	})
	r := &record{facts: f}
	b := appendLinks(nil, &f, r.typeCode(), r.actionCode(), ids)
	for n := range len(b) {
		if _, err := decodeLinks(1, b[:n], uris); err == nil {
			t.Errorf("a record cut to %d of %d bytes decodes", n, len(b))
		}
	}
	if _, err := decodeLinks(1, append(b, 0), uris); err == nil {
		t.Error("a record with a byte after its end decodes")
	}
	if _, err := decodeLinks(1, b, uris[:1]); err == nil {
		t.Error("a record naming URIs that are not stored decodes")
	}
}

// TestBackfilledLinksEqualCaptured: the links migration 0020 builds for events stored before
// it from their object and value rows are the records capture writes.
func TestBackfilledLinksEqualCaptured(t *testing.T) {
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		registerChain(t, w, fix.Businesses)
		for _, doc := range fix.Documents {
			mustCapture(t, w.events, doc, System)
		}
		ctx := context.Background()
		captured := allLinks(t, st)
		if _, err := st.DB().ExecContext(ctx, `UPDATE epcis_events SET links = NULL`); err != nil {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *sql.Tx) error { return backfillLinks(ctx, tx, st.Dialect()) }); err != nil {
			t.Fatal(err)
		}
		if got := allLinks(t, st); !reflect.DeepEqual(got, captured) {
			t.Errorf("backfilled links differ from the captured ones:\n%v\n%v", got, captured)
		}
	})
}

// allLinks reads every event's links record by row.
func allLinks(t *testing.T, st *store.Store) map[int64][]byte {
	t.Helper()
	rows, err := st.ReadDB().Query(`SELECT id, links FROM epcis_events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]byte{}
	for rows.Next() {
		var id int64
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			t.Fatal(err)
		}
		out[id] = b
	}
	if len(out) == 0 {
		t.Fatal("no events stored")
	}
	return out
}
