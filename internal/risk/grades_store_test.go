package risk

import (
	"bytes"
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestHistoryKeepsGradeChanges grades a shop again and again: the history gains a row only
// when its grade changes or a grading is for an earlier day, while the latest grading,
// read back, is the one computed.
func TestHistoryKeepsGradeChanges(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, uscc := c.mustBusiness(t, "sales", "supermarket", 5000, 20000)
		day := func(d int) time.Time { return time.Date(2026, 6, d, 9, 30, 0, 123456000, time.UTC) }
		steps := []struct {
			name    string
			grade   func() (Result, error)
			history int // rows after the step
		}{
			{"first grading", func() (Result, error) { return c.svc.GradeBusiness(ctx, shop, day(10), false) }, 1},
			{"the same grade later", func() (Result, error) { return recomputeOne(ctx, c, shop, day(11)) }, 1},
			{"the same grade by itself", func() (Result, error) { return c.svc.GradeBusiness(ctx, shop, day(12), false) }, 1},
			{"failed inspections raise it", func() (Result, error) {
				mustFailInspections(t, c, uscc)
				return recomputeOne(ctx, c, shop, day(13))
			}, 2},
			{"an earlier day", func() (Result, error) { return c.svc.GradeBusiness(ctx, shop, day(12), false) }, 3},
		}
		for _, s := range steps {
			graded, err := s.grade()
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			h, err := c.svc.History(ctx, shop)
			if err != nil || len(h) != s.history {
				t.Fatalf("%s: %d history rows, %v; want %d", s.name, len(h), err, s.history)
			}
			card, err := c.svc.Card(ctx, shop, anyPlace, day(20), false)
			if err != nil || card.Preview {
				t.Fatalf("%s: card %+v, %v", s.name, card, err)
			}
			if want, got := mustJSON(t, graded), mustJSON(t, card.Current); !bytes.Equal(want, got) {
				t.Errorf("%s: the latest grading reads back otherwise:\n%s\nwant\n%s", s.name, got, want)
			}
			if h[0].RuleRefs != graded.RuleRefs() || h[0].ComputedAt.IsZero() {
				t.Errorf("%s: newest history row refs %q at %v", s.name, h[0].RuleRefs, h[0].ComputedAt)
			}
		}
		h, _ := c.svc.History(ctx, shop)
		// Newest first: the earlier day appended with the grade unchanged, the raise, the first.
		if h[0].Grade != h[1].Grade || h[1].Grade == h[2].Grade || !h[0].At.Equal(day(12)) || !h[1].At.Equal(day(13)) ||
			!h[2].At.Equal(day(10)) {
			t.Errorf("history: %s on %v, %s on %v, %s on %v", h[0].Grade, h[0].At, h[1].Grade, h[1].At, h[2].Grade, h[2].At)
		}
	})
}

// mustFailInspections records three inspections of the business uscc found
// non-compliant in the spring of 2026.
func mustFailInspections(tb testing.TB, c *testCity, uscc string) {
	tb.Helper()
	history := "uscc,kind,date,result\n" + uscc + ",inspection,2026-06-01,non_compliant\n" +
		uscc + ",inspection,2026-05-01,non_compliant\n" + uscc + ",inspection,2026-04-01,non_compliant\n"
	if _, err := c.svc.ImportHistory(context.Background(), "h.csv", []byte(history), nil); err != nil {
		tb.Fatal(err)
	}
}

// recomputeOne recomputes the city on the day at and returns the grading of business id as
// computed that day.
func recomputeOne(ctx context.Context, c *testCity, id int64, at time.Time) (Result, error) {
	if _, err := c.svc.RecomputeAll(ctx, at, false, nil); err != nil {
		return Result{}, err
	}
	return c.svc.Preview(ctx, id, at, false)
}

// TestRecomputeCountsChanges: the first recompute of a city changes every grade, the next
// on the same rules none.
func TestRecomputeCountsChanges(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		mustBenchBusinesses(t, c, pageSize+10) // two pages
		for i, want := range []int{pageSize + 10, 0} {
			sum, err := c.svc.RecomputeAll(ctx, gradingDay.AddDate(0, 0, i), false, nil)
			if err != nil || sum.Changed != want || gradedCount(sum) != pageSize+10 {
				t.Fatalf("recompute %d: %+v, %v; want %d changed", i+1, sum, err, want)
			}
		}
		var history, current int
		if err := st.DB().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM risk_grades), (SELECT COUNT(*) FROM risk_grades_current)`).
			Scan(&history, &current); err != nil || history != pageSize+10 || current != pageSize+10 {
			t.Errorf("%d history rows and %d latest gradings, %v", history, current, err)
		}
	})
}

func gradedCount(s Summary) int {
	n := 0
	for _, v := range s.Graded {
		n += v
	}
	return n
}

// TestCompactGradesConvertsOlderRows: grades kept before migration 0028, their explanation
// the JSON of the whole grading and no source numbered, read back after its step as they
// were kept, legal basis as worded then included; the newest is the latest grading, which
// an unchanged grading does not append to.
func TestCompactGradesConvertsOlderRows(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, _ := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		maker, _ := c.mustBusiness(t, "production", "dairy", 0, 0)
		older, err := c.svc.GradeBusiness(ctx, shop, gradingDay.AddDate(0, -1, 0), false)
		if err != nil {
			t.Fatal(err)
		}
		newer, err := c.svc.Preview(ctx, shop, gradingDay, false)
		if err != nil {
			t.Fatal(err)
		}
		newer.Band = &Source{Key: newer.Band.Key, Ref: newer.Band.Ref, Basis: "旧版依据", Confidence: "[M]"}
		made, err := c.svc.GradeBusiness(ctx, maker, gradingDay, true)
		if err != nil {
			t.Fatal(err)
		}
		mustKeepAsBefore0028(t, st, map[int64]Result{shop: older, maker: made})
		mustAppendAsBefore0028(t, st, newer)
		if err := st.Tx(ctx, func(tx *sql.Tx) error { return compactGrades(ctx, tx, st.Dialect()) }); err != nil {
			t.Fatal(err)
		}
		h, err := c.svc.History(ctx, shop)
		if err != nil || len(h) != 2 {
			t.Fatalf("history: %d, %v", len(h), err)
		}
		card, err := c.svc.Card(ctx, shop, anyPlace, gradingDay, false)
		if err != nil {
			t.Fatal(err)
		}
		for i, got := range []*Result{&h[1].Result, &h[0].Result, card.Current} {
			want := []Result{older, newer, newer}[i]
			if !bytes.Equal(mustJSON(t, got), mustJSON(t, want)) {
				t.Errorf("grade %d reads back otherwise:\n%s\nwant\n%s", i, mustJSON(t, got), mustJSON(t, want))
			}
		}
		if mc, err := c.svc.Card(ctx, maker, anyPlace, gradingDay, true); err != nil || mc.Preview || mc.Current.Scheme != Scheme2022Draft {
			t.Errorf("the producer's latest grading: %+v, %v", mc, err)
		}
		sum, err := c.svc.RecomputeAll(ctx, gradingDay.AddDate(0, 0, 1), false, nil)
		if err != nil || sum.Changed != 1 { // the producer, now under the 2016 scheme
			t.Errorf("recompute after the conversion: %+v, %v", sum, err)
		}
	})
}

// mustKeepAsBefore0028 leaves the grades as a release before migration 0028 kept them: no
// source numbered, no latest grading, and the only grade of each business given as the
// JSON of the whole Result.
func mustKeepAsBefore0028(tb testing.TB, st *store.Store, grades map[int64]Result) {
	tb.Helper()
	ctx := context.Background()
	if _, err := st.DB().ExecContext(ctx, `DELETE FROM risk_grades_current; DELETE FROM risk_grade_sources`); err != nil {
		tb.Fatal(err)
	}
	for id, r := range grades {
		if _, err := st.DB().ExecContext(ctx, `UPDATE risk_grades SET explanation = $1 WHERE business_id = $2`,
			string(mustJSON(tb, r)), id); err != nil {
			tb.Fatal(err)
		}
	}
}

// mustAppendAsBefore0028 appends r to the grades as a release before migration 0028 did.
func mustAppendAsBefore0028(tb testing.TB, st *store.Store, r Result) {
	tb.Helper()
	_, err := st.DB().ExecContext(context.Background(), `INSERT INTO risk_grades (business_id, scheme, grade, priority,
		rule_refs, explanation, graded_on, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, r.BusinessID,
		string(r.Scheme), string(r.Grade), boolInt(r.Plan.Priority), r.RuleRefs(), string(mustJSON(tb, r)), r.At.UTC())
	if err != nil {
		tb.Fatal(err)
	}
}

// anyPlace admits every business.
func anyPlace(Placement) bool { return true }

// TestUnchangedGradingKeepsALaterChange: a recompute that read a business before a grading
// of it changed its grade does not write its older, unchanged grading over that change.
func TestUnchangedGradingKeepsALaterChange(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, uscc := c.mustBusiness(t, "sales", "supermarket", 5000, 20000)
		day := func(d int) time.Time { return time.Date(2026, 6, d, 9, 0, 0, 0, time.UTC) }
		if _, err := c.svc.GradeBusiness(ctx, shop, day(10), false); err != nil {
			t.Fatal(err)
		}
		run, err := c.svc.newRun(ctx, day(11), false)
		if err != nil {
			t.Fatal(err)
		}
		stale, err := c.svc.readOne(ctx, run.at, shop) // read by a recompute, written below
		if err != nil {
			t.Fatal(err)
		}
		mustFailInspections(t, c, uscc)
		changed, err := c.svc.GradeBusiness(ctx, shop, day(11), false)
		if err != nil {
			t.Fatal(err)
		}
		_, g, err := run.grade(stale, &gradeScratch{})
		if err != nil || g.changed || g.grade == changed.Grade {
			t.Fatalf("the stale grading: %s, changed %v, %v", g.grade, g.changed, err)
		}
		if err := c.svc.writeGrades(ctx, run.at, []storedGrade{g}); err != nil {
			t.Fatal(err)
		}
		card, err := c.svc.Card(ctx, shop, anyPlace, day(12), false)
		if err != nil || card.Current.Grade != changed.Grade {
			t.Fatalf("latest grading %+v, %v; want the change to %s", card.Current, err, changed.Grade)
		}
		var grade string
		if err := st.DB().QueryRowContext(ctx, `SELECT grade FROM risk_grades_current WHERE business_id = $1`, shop).
			Scan(&grade); err != nil || Grade(grade) != changed.Grade {
			t.Errorf("the latest grading's grade column says %s, %v", grade, err)
		}
	})
}
