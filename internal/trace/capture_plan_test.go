package trace

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCaptureLookupsUseIndexes: capture's lookups of a document's stored events (the keys
// stored since, the rows found), URIs (and the URIs added since), ticket sales' lots and the
// queries' lookups of declarations by key read their index, not every row, even where
// PostgreSQL has no statistics of the tables (none of the test's, which are fresh) and
// judges each of a thousand values to match one row in 200 and a range a third of the
// table: a scan of the whole table for every document would make capture slow down as its
// tables grow.
func TestCaptureLookupsUseIndexes(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		for n := range 3 {
			mustCapture(t, w.events, benchDocument(w, n), System)
		}
		keys, rows, uris, lots := make([]int64, 1000), make([]int64, 1000), make([]string, 1000), make([]int64, 200)
		for i := range keys {
			keys[i] = eventKey(fmt.Sprint("urn:uuid:", i))
			rows[i] = int64(7 * i)
			uris[i] = fmt.Sprint("urn:epc:id:sscc:6901234.", i)
		}
		for i := range lots {
			lots[i] = int64(i + 1)
		}
		d := st.Dialect()
		for _, tt := range []struct {
			name, stmt string
			args       []any
			scanned    [][2]string // a table, and its name in SQLite's plan
			// generic: the statement runs on the read pool, whose statements PostgreSQL may
			// plan once for any values: that plan must read its index too.
			generic bool
		}{
			{"keys stored since", keysSinceSQL, []any{10}, [][2]string{{"epcis_events", "epcis_events"}}, true},
			{"stored events", lookupSQL(d, "id, event_id", "epcis_events", "id", "bigint", ""), []any{listArg(d, rows)},
				[][2]string{{"epcis_events", "epcis_events"}}, false},
			{"declared events", declaredEventsSQL(d), []any{listArg(d, keys)}, [][2]string{{"epcis_events", "epcis_events"}}, false},
			{"declarations", declarationsSQL(d), []any{listArg(d, keys)}, [][2]string{{"epcis_events", "epcis_events"}}, false},
			{"URIs", lookupSQL(d, "id, uri", "epcis_uris", "uri", "text", ""), []any{listArg(d, uris)},
				[][2]string{{"epcis_uris", "epcis_uris"}}, true},
			{"holdings", holdingsSQL(d), []any{listArg(d, lots), 1, 2},
				[][2]string{{"epcis_event_objects", "o"}, {"epcis_events", "e"}}, false},
			{"URIs added since", addedSinceSQL, []any{10}, [][2]string{{"epcis_uris", "epcis_uris"}}, false},
		} {
			t.Run(tt.name, func(t *testing.T) {
				conn, err := st.ReadDB().Conn(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				plans := []string{explain(t, conn, d, tt.stmt, tt.args) + "\n"}
				if tt.generic && d == store.Postgres {
					if _, err := conn.ExecContext(t.Context(), `SET plan_cache_mode = force_generic_plan`); err != nil {
						t.Fatal(err)
					}
					plans = append(plans, explain(t, conn, d, tt.stmt, tt.args)+"\n")
					if _, err := conn.ExecContext(t.Context(), `RESET plan_cache_mode`); err != nil {
						t.Fatal(err)
					}
				}
				for _, plan := range plans {
					for _, table := range tt.scanned {
						if strings.Contains(plan, "Seq Scan on "+table[0]) || strings.Contains(plan, "SCAN "+table[1]+"\n") {
							t.Errorf("plan reads every row of %s:\n%s", table[0], plan)
						}
					}
				}
			})
		}
	})
}
