package risk

import (
	"context"
	"maps"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestRecomputeWritesFirstAndReplacedGradings: a page that changes the grade of businesses
// graded before and grades others for the first time (on PostgreSQL, rows replaced and rows
// copied in, in one transaction) leaves each with the grading computed as its latest and
// one more change in its history.
func TestRecomputeWritesFirstAndReplacedGradings(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		graded, _ := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		fresh, _ := c.mustBusiness(t, "catering", "restaurant", 120, 0)
		// graded for a later day, so that the recompute's grading changes the grade either way
		if _, err := c.svc.GradeBusiness(ctx, graded, gradingDay.AddDate(0, 0, 1), false); err != nil {
			t.Fatal(err)
		}
		sum, err := c.svc.RecomputeAll(ctx, gradingDay, false, nil)
		if err != nil || sum.Changed != 2 {
			t.Fatalf("recompute: %+v, %v; want 2 changed", sum, err)
		}
		for id, changes := range map[int64]int{graded: 2, fresh: 1} {
			want, err := c.svc.Preview(ctx, id, gradingDay, false)
			if err != nil {
				t.Fatal(err)
			}
			latest, err := c.svc.latest(ctx, id)
			if err != nil || latest == nil || string(mustJSON(t, latest)) != string(mustJSON(t, want)) {
				t.Errorf("business %d: latest grading %s, want %s (%v)", id, mustJSON(t, latest), mustJSON(t, want), err)
			}
			h, err := c.svc.History(ctx, id)
			if err != nil || len(h) != changes || string(mustJSON(t, h[0].Result)) != string(mustJSON(t, want)) {
				t.Errorf("business %d: %d changes in its history, want %d, the newest the grading computed (%v)",
					id, len(h), changes, err)
			}
		}
	})
}

// TestGradeHistoryIndexes: the grade history has one index, by business and id with what
// the plan reads beside them (risk_grades_in_force), which answers every reader; on
// PostgreSQL it is the primary key, where the id alone would be an index more to write on
// every append. SQLite keeps the id as the row id.
func TestGradeHistoryIndexes(t *testing.T) {
	tests := []struct {
		engine store.Dialect
		query  string
		want   map[string]bool // index name: whether it is the primary key
	}{
		{store.SQLite, `SELECT name, origin = 'pk' FROM pragma_index_list('risk_grades')`,
			map[string]bool{"risk_grades_in_force": false}},
		{store.Postgres, `SELECT i.relname, x.indisprimary FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
			WHERE x.indrelid = 'risk_grades'::regclass`,
			map[string]bool{"risk_grades_in_force": true}},
	}
	for _, tt := range tests {
		t.Run(string(tt.engine), func(t *testing.T) {
			st := storetest.Open(t, tt.engine)
			rows, err := st.DB().QueryContext(context.Background(), tt.query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			got := map[string]bool{}
			for rows.Next() {
				var name string
				var primary bool
				if err := rows.Scan(&name, &primary); err != nil {
					t.Fatal(err)
				}
				got[name] = primary
			}
			if err := rows.Err(); err != nil || !maps.Equal(got, tt.want) {
				t.Errorf("indexes of risk_grades %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}
