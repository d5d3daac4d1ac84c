package webtest

import (
	"context"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestRows: a dump has one line a query, and it changes when a row does and only then.
func TestRows(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := st.DB().ExecContext(ctx, `CREATE TABLE webtest_rows (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
			t.Fatal(err)
		}
		dump := func() string {
			return Rows(t, st.ReadDB(), `SELECT id, name FROM webtest_rows ORDER BY id`, `SELECT COUNT(*) FROM webtest_rows`)
		}
		empty := dump()
		if lines := strings.Count(empty, "\n"); lines != 2 {
			t.Errorf("the dump of two queries has %d lines: %q", lines, empty)
		}
		if again := dump(); again != empty {
			t.Errorf("two dumps of the same rows differ: %q, %q", empty, again)
		}
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO webtest_rows (id, name) VALUES (1, '甲')`); err != nil {
			t.Fatal(err)
		}
		added := dump()
		if added == empty || !strings.Contains(added, "甲") {
			t.Errorf("the dump after an insert is %q, before %q", added, empty)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE webtest_rows SET name = '乙' WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if changed := dump(); changed == added {
			t.Errorf("an update left the dump as it was: %q", changed)
		}
	})
}
