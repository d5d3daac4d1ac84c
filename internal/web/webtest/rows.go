package webtest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// Rows dumps every row each query reads from db, one line a query, so that two dumps taken
// before and after a request are equal exactly when it wrote none of those rows.
func Rows(tb testing.TB, db *sql.DB, queries ...string) string {
	tb.Helper()
	var out strings.Builder
	for _, q := range queries {
		rows, err := db.QueryContext(context.Background(), q)
		if err != nil {
			tb.Fatalf("dump %q: %v", q, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			tb.Fatalf("dump %q: %v", q, err)
		}
		for rows.Next() {
			cells, dest := make([]any, len(cols)), make([]any, len(cols))
			for i := range cells {
				dest[i] = &cells[i]
			}
			if err := rows.Scan(dest...); err != nil {
				tb.Fatalf("dump %q: %v", q, err)
			}
			fmt.Fprintf(&out, "%v;", cells)
		}
		if err := rows.Close(); err != nil {
			tb.Fatalf("dump %q: %v", q, err)
		}
		out.WriteString("\n")
	}
	return out.String()
}
