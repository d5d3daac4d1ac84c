package trace

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/query"
)

// TestEventQueriesUseIndexes: the common queries of a page (by business step, by business
// location, by recordTime) are answered from their index of migration 0026, in its order,
// rather than by reading every event and sorting them. On PostgreSQL sequential and bitmap
// scans are discouraged for the test: the test database is small enough for any plan, while
// at ten million events a LIMIT makes the ordered index scan the cheapest.
func TestEventQueriesUseIndexes(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		for _, tt := range []struct{ params, index string }{
			{"EQ_bizStep=shipping&perPage=10", "epcis_events_biz_step"},
			{"EQ_bizLocation=" + url.QueryEscape(w.place(0)) + "&perPage=10", "epcis_events_biz_location"},
			{"orderBy=recordTime&perPage=10", "epcis_events_record"},
			{"orderBy=recordTime&orderDirection=ASC&perPage=10", "epcis_events_record"},
		} {
			params := tt.params
			t.Run(params, func(t *testing.T) {
				values, err := url.ParseQuery(params)
				if err != nil {
					t.Fatal(err)
				}
				q, err := query.Parse(values, nil)
				if err != nil {
					t.Fatal(err)
				}
				f, err := w.events.filterOf(context.Background(), access.Everywhere, &q)
				if err != nil || f.none {
					t.Fatalf("filter: %v (matches nothing: %t)", err, f.none)
				}
				stmt, args := eventsSQL(f, &q, position{}, q.PerPage+1)
				plan := queryPlan(t, st, stmt, args)
				if !strings.Contains(plan, tt.index) {
					t.Errorf("plan does not use %s:\n%s", tt.index, plan)
				}
				for _, bad := range []string{"SCAN e\n", "USE TEMP B-TREE", "Seq Scan on epcis_events", "Sort"} {
					if strings.Contains(plan+"\n", bad) {
						t.Errorf("plan has %q:\n%s", bad, plan)
					}
				}
			})
		}
	})
}

// queryPlan is the engine's plan of stmt, one line per step, sequential and bitmap scans
// discouraged on PostgreSQL.
func queryPlan(t *testing.T, st *store.Store, stmt string, args []any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := st.ReadDB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if st.Dialect() == store.Postgres {
		if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off; SET enable_bitmapscan = off"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, "RESET enable_seqscan; RESET enable_bitmapscan")
	}
	return explain(t, conn, st.Dialect(), stmt, args)
}

// explain is the plan of stmt on conn, one line per step.
func explain(t *testing.T, conn *sql.Conn, d store.Dialect, stmt string, args []any) string {
	t.Helper()
	explain, column := "EXPLAIN QUERY PLAN ", 3
	if d == store.Postgres {
		explain, column = "EXPLAIN ", 0
	}
	rows, err := conn.QueryContext(context.Background(), explain+stmt, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", stmt, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		dest := make([]any, len(cols))
		var step sql.NullString
		for i := range dest {
			dest[i] = new(any)
		}
		dest[column] = &step
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.TrimSpace(step.String))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
