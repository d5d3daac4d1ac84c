package risk

import (
	"context"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestSeedDemoGradesTheCity(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		kinds := [][2]string{{"sales", "supermarket"}, {"catering", "school_canteen"}, {"production", "meat"}, {"special_food", "health_food"}, {"farm", "planting"}}
		for i := range 60 {
			k := kinds[i%len(kinds)]
			c.mustBusiness(t, k[0], k[1], float64(50+i*40), 100+i*50)
		}
		sum, err := c.svc.SeedDemo(ctx, 9, gradingDay, nil)
		if err != nil {
			t.Fatal(err)
		}
		graded := 0
		for _, n := range sum.Graded {
			graded += n
		}
		if graded != 48 || sum.Skipped != 12 || sum.Failed != 0 {
			t.Errorf("demo city graded %+v, want 48 graded and the 12 farms skipped", sum)
		}
		var events int
		if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM risk_events WHERE source = 'demo'`).Scan(&events); err != nil || events < 48*5 {
			t.Errorf("demo events: %d, %v", events, err)
		}
	})
}
