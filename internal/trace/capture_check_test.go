package trace

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCaptureChecked: the check runs in the capture's transaction on the events the
// document stores (a repeat of a stored event is not among them) and reads what is
// stored; a problem it finds refuses the document, which stores nothing.
func TestCaptureChecked(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		mustCapture(t, s, document(shipping("urn:shejian:check:1", 1, gs1Place, "")), System)
		doc := document(shipping("urn:shejian:check:1", 1, gs1Place, ""), shipping("urn:shejian:check:2", 2, gs1Place, ""))
		var fresh []int
		var stored int
		see := func(ctx context.Context, r TxReader, f []int) ([]epcis.Problem, error) {
			fresh = f
			return nil, r.Query(ctx, `SELECT count(*) FROM epcis_events`, nil, func(scan func(...any) error) error { return scan(&stored) })
		}
		refuse := func(context.Context, TxReader, []int) ([]epcis.Problem, error) {
			return []epcis.Problem{{Event: 1, Pointer: "/epcisBody/eventList/1/quantityList", Rule: "over", Message: "too much"}}, nil
		}
		_, err := s.CaptureChecked(context.Background(), doc, System, refuse)
		var refused *RefusedError
		if !errors.As(err, &refused) || len(refused.Report.Problems) != 1 || refused.Report.Problems[0].Rule != "over" || refused.Job.State != JobFailed {
			t.Fatalf("refusing check: %v, want the document refused with its problem", err)
		}
		if n := count(t, st, "epcis_events", "1 = 1"); n != 1 {
			t.Errorf("%d events after a refusal, want 1", n)
		}
		job, err := s.CaptureChecked(context.Background(), doc, System, see)
		if err != nil || job.Stored != 1 {
			t.Fatalf("capture: %v, %d stored", err, job.Stored)
		}
		if !slices.Equal(fresh, []int{1}) || stored != 1 {
			t.Errorf("the check saw events %v and %d stored, want [1] (0 is a repeat) and 1", fresh, stored)
		}
	})
}
