package risk

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestImportTwiceStoresOnce imports a history file twice and then a file that overlaps it:
// every event is stored once, repeats are reported by row, and the dynamic score is that
// of the file imported once.
func TestImportTwiceStoresOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		id, uscc := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		file := "uscc,kind,date,result,ref\n" +
			uscc + ",inspection,2024-03-01,non_compliant,JC-1\n" +
			uscc + ",complaint,2024-03-02,,TS-7\n" +
			uscc + ",complaint,2024-03-02,,TS-8\n" + // another complaint that day: another number
			uscc + ",penalty,2024-04-01,,\n" +
			uscc + ",penalty,2024-04-01,,\n" // the row above again: a repeat within the file
		want := []ImportReport{
			{Rows: 5, New: 4, Repeats: 1, RepeatRows: []int{6}, CorrectedRows: []int{}},
			{Rows: 5, New: 0, Repeats: 5, RepeatRows: []int{2, 3, 4, 5, 6}, CorrectedRows: []int{}},
		}
		var first float64
		for i, w := range want {
			rep, err := c.svc.ImportHistory(ctx, "h.csv", []byte(file), nil)
			if err != nil || !reflect.DeepEqual(rep, w) {
				t.Fatalf("import %d: %+v, %v; want %+v", i+1, rep, err, w)
			}
			r, err := c.svc.Preview(ctx, id, gradingDay, false)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = r.Dynamic
			} else if r.Dynamic != first {
				t.Errorf("dynamic points %v after importing again, %v after the first import", r.Dynamic, first)
			}
		}
		more := "uscc,kind,date,result,ref\n" + uscc + ",inspection,2024-03-01,non_compliant,JC-1\n" + uscc + ",inspection,2024-05-01,compliant,JC-2\n"
		rep, err := c.svc.ImportHistory(ctx, "more.csv", []byte(more), nil)
		if err != nil || rep.New != 1 || rep.Repeats != 1 {
			t.Fatalf("overlapping file: %+v, %v", rep, err)
		}
		if ev, err := c.svc.Events(ctx, id); err != nil || len(ev) != 5 {
			t.Errorf("stored %d events, %v; want 5", len(ev), err)
		}
	})
}

// TestImportLeavesOutRevokedDecisions: a penalty whose decision was revoked (told by the
// credit file before the import) is reported and not stored, as the journal's never counts.
func TestImportLeavesOutRevokedDecisions(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		id, uscc := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		err := st.Tx(ctx, func(tx *sql.Tx) error {
			return correctEvents(ctx, tx, st.Dialect(), EventPenalty, "罚〔2024〕3号", "revoked 2024-06-01")
		})
		if err != nil {
			t.Fatal(err)
		}
		file := "uscc,kind,date,ref\n" + uscc + ",penalty,2024-04-01,罚〔2024〕3号\n" + uscc + ",penalty,2024-05-01,罚〔2024〕4号\n"
		rep, err := c.svc.ImportHistory(ctx, "h.csv", []byte(file), nil)
		want := ImportReport{Rows: 2, New: 1, RepeatRows: []int{}, Corrected: 1, CorrectedRows: []int{2}}
		if err != nil || !reflect.DeepEqual(rep, want) {
			t.Fatalf("import: %+v, %v; want %+v", rep, err, want)
		}
		if ev, err := c.svc.Events(ctx, id); err != nil || len(ev) != 1 || !ev[0].On.Equal(day(t, "2024-05-01")) {
			t.Fatalf("stored %+v, %v; want only the penalty of 2024-05-01", ev, err)
		}
	})
}
