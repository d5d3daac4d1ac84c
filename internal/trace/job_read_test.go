package trace

import (
	"context"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestJobsInScope: a business operator sees the jobs it captured as its business; staff
// the jobs of accounts of their units and of the businesses they cover; the city all.
// Others' jobs are not found.
func TestJobsInScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		byOperator := mustCapture(t, w.events, document(shipping("", 1, w.place(0), "")), w.operator(0)).ID
		byInspector := mustCapture(t, w.events, document(shipping("", 2, w.place(1), "")), w.inspector(1)).ID
		refused := mustRefuse(t, w.events, document(shipping("", 3, w.place(1), "")), w.operator(0)).Job.ID
		bySystem := mustCapture(t, w.events, document(shipping("", 4, gs1Place, "")), System).ID
		tests := []struct {
			name string
			by   Capturer
			want []int64 // newest first
		}{
			{"operator", w.operator(0), []int64{refused, byOperator}},
			{"operator of another business", w.operator(1), nil},
			{"inspector", w.inspector(0), []int64{refused, byOperator}},
			{"inspector of the other station", w.inspector(1), []int64{byInspector}},
			{"district admin", w.districtAdmin(), []int64{refused, byInspector, byOperator}},
			{"city", System, []int64{bySystem, refused, byInspector, byOperator}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				jobs, err := w.events.Jobs(ctx, tt.by.Scope, 0, 10)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, j := range jobs {
					got = append(got, j.ID)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("jobs %v, want %v", got, tt.want)
				}
				for _, id := range []int64{byOperator, byInspector, refused, bySystem} {
					_, err := w.events.Job(ctx, tt.by.Scope, id)
					if seen := slices.Contains(tt.want, id); seen != (err == nil) || !seen && apperr.CodeOf(err) != apperr.NotFound {
						t.Errorf("job %d: %v, want seen = %v", id, err, seen)
					}
				}
			})
		}
		page, err := w.events.Jobs(ctx, System.Scope, byInspector, 1)
		if err != nil || len(page) != 1 || page[0].ID != byOperator {
			t.Errorf("the page after job %d: %+v (%v), want job %d", byInspector, page, err, byOperator)
		}
	})
}
