package credit

import (
	"context"
	"database/sql"
	"testing"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestPenaltyDecisionsEnterTheFileOnce: a case's penalty decision from the journal becomes a
// credit record of its business, which changes its class; delivering it again adds nothing.
func TestPenaltyDecisionsEnterTheFileOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := mustCity(t, st, "2026-06-01")
		shop, _ := c.mustBusiness(t)
		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		ctx := context.Background()
		decision := map[string]any{"case_id": 9, "business_id": shop, "document_number": "临市监罚〔2026〕9号",
			"decided_on": "2026-05-20", "violation": "经营超过保质期的食品", "measures": []string{"fine"}, "fine_yuan": 80000, "severe": true}
		for range 2 {
			err := st.Tx(ctx, func(tx *sql.Tx) error {
				_, err := journal.Append(ctx, tx, journal.Entry{Topic: penaltyDecided, Key: "9", Payload: decision})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.DrainOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var records int
		var class string
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM credit_records WHERE business_id = $1`, shop).Scan(&records); err != nil {
			t.Fatal(err)
		}
		if err := st.DB().QueryRowContext(ctx, `SELECT credit_class FROM credit_classes WHERE business_id = $1`, shop).Scan(&class); err != nil {
			t.Fatal(err)
		}
		if records != 1 || class != "C" {
			t.Errorf("%d records, class %q after the decision delivered twice; want 1 record, class C (较重 penalty)", records, class)
		}
	})
}
