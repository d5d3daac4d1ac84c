package risk

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestRecomputeCountsFailures: businesses that fail to grade (factors of a sector no scheme
// grades) are counted and get no grade, and every other business gets its own.
func TestRecomputeCountsFailures(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		mustBenchBusinesses(t, c, 7)
		var ids []int64
		rows, err := st.DB().QueryContext(ctx, `SELECT id FROM businesses ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil || len(ids) != 7 {
			t.Fatalf("%d businesses, %v", len(ids), err)
		}
		failing := []int64{ids[1], ids[4], ids[5]}
		for _, id := range failing {
			if _, err := st.DB().ExecContext(ctx, `INSERT INTO risk_static_factors (business_id, factors, updated_at)
				VALUES ($1, '{"sector":"moon"}', $2)`, id, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
		}
		sum, err := c.svc.RecomputeAll(ctx, gradingDay, false, nil)
		if err != nil || sum.Failed != len(failing) || gradedCount(sum) != len(ids)-len(failing) || sum.Changed != len(ids)-len(failing) {
			t.Fatalf("recompute: %+v, %v", sum, err)
		}
		for _, id := range ids {
			latest, err := c.svc.latest(ctx, id)
			switch {
			case err != nil:
				t.Fatal(err)
			case slices.Contains(failing, id) != (latest == nil):
				t.Errorf("business %d: latest grading %+v", id, latest)
			case latest == nil:
			default:
				want, err := c.svc.Preview(ctx, id, gradingDay, false)
				if err != nil || string(mustJSON(t, want)) != string(mustJSON(t, latest)) {
					t.Errorf("business %d has the grading %s, want %s (%v)", id, mustJSON(t, latest), mustJSON(t, want), err)
				}
			}
		}
	})
}

// TestRecomputeStopsWhenCancelled: a recompute whose context ends after its first page
// stops there, every stage with it, and says why.
func TestRecomputeStopsWhenCancelled(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := mustCity(t, st)
		mustBenchBusinesses(t, c, 8*pageSize) // more pages than are ever on their way at once
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		sum, err := c.svc.RecomputeAll(ctx, gradingDay, false, func(done, _ int) {
			if done > 0 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) || gradedCount(sum) == 0 || gradedCount(sum) == 8*pageSize {
			t.Fatalf("cancelled after a page: %v, %d graded", err, gradedCount(sum))
		}
	})
}

// TestFirstGradingWrittenMeanwhile: a first grading whose business was graded since it was
// read (by a grading of it alone, at once) still replaces that grading and joins the
// history, as any change does; on PostgreSQL its insert fails and the page is written again.
func TestFirstGradingWrittenMeanwhile(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, _ := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		run, err := c.svc.newRun(ctx, gradingDay, false)
		if err != nil {
			t.Fatal(err)
		}
		in, err := c.svc.readOne(ctx, run.at, shop)
		if err != nil || !in.first {
			t.Fatalf("read before any grading: %+v, %v", in, err)
		}
		if _, err := c.svc.GradeBusiness(ctx, shop, gradingDay.AddDate(0, 0, -1), false); err != nil {
			t.Fatal(err)
		}
		r, g, err := run.grade(in, &gradeScratch{})
		if err != nil || !g.changed {
			t.Fatalf("grade: %+v, %v", g, err)
		}
		if err := c.svc.writeGrades(ctx, run.at, []storedGrade{g}); err != nil {
			t.Fatal(err)
		}
		h, err := c.svc.History(ctx, shop)
		if err != nil || len(h) != 2 || !h[0].At.Equal(gradingDay) {
			t.Fatalf("history: %d rows, %v", len(h), err)
		}
		if latest, err := c.svc.latest(ctx, shop); err != nil || string(mustJSON(t, latest)) != string(mustJSON(t, r)) {
			t.Errorf("latest grading %s, want %s (%v)", mustJSON(t, latest), mustJSON(t, r), err)
		}
	})
}
