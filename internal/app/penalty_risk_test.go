package app

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/risk"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestDecidedPenaltyReachesTheRiskGrade: a penalty decided in an enforcement case reaches
// the business's risk record through the journal — from the case and again from the credit
// file, which records it — as one penalty, and regraded the business carries one penalty
// more in its point line, citing the rule.
func TestDecidedPenaltyReachesTheRiskGrade(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a, city, _ := demoApp(t, st)
		shop := city.Demo.BusinessID
		ctx := audit.WithActor(access.WithScope(context.Background(), access.Everywhere), audit.Actor{Login: "head"})
		ctx = web.WithUser(ctx, &web.User{ID: 1, Login: "head", Permits: func(web.Access) bool { return true }})
		book, err := rules.New(st)
		if err != nil {
			t.Fatal(err)
		}
		grades := risk.NewService(st, book)
		mustDrainAll(t, a.Dispatcher)
		before := penaltyPoints(t, grades, shop)

		k, err := a.Enforcement.RegisterCase(ctx, enforce.CaseSourceInput{BusinessID: shop, Source: "complaint",
			SourceRef: "投诉-1", Facts: "消费者投诉购得过期酸奶"})
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []enforce.Step{enforce.Filed, enforce.Investigated, enforce.Notified} {
			if _, err := a.Enforcement.Advance(ctx, k.ID, enforce.StepInput{Step: step, ApprovedBy: "王局长"}); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		_, err = a.Enforcement.Advance(ctx, k.ID, enforce.StepInput{Step: enforce.Decided, ApprovedBy: "王局长",
			Decision: &enforce.DecisionInput{DocumentNumber: "测市监罚〔2026〕1号", Violation: "餐具未经清洗消毒",
				Offence: "fsl_126_1_5", Measures: []string{"fine"}, FineYuan: 5000}})
		if err != nil {
			t.Fatal(err)
		}
		mustDrainAll(t, a.Dispatcher)
		mustDrainAll(t, a.Dispatcher) // once more: nothing may change
		if got := penaltyPoints(t, grades, shop); got.Value != before.Value+1 || got.Source == nil || got.Key != "risk.dynamic.penalty" {
			t.Errorf("penalty line %+v after the decision, %+v before; want one penalty more citing risk.dynamic.penalty", got, before)
		}
	})
}

// mustDrainAll delivers what the journal holds until nothing more is due.
func mustDrainAll(t *testing.T, d *journal.Dispatcher) {
	t.Helper()
	for range 20 {
		n, err := d.DrainOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the journal still delivers after 20 passes")
}

// penaltyPoints regrades business id now and returns its penalty line, zero without one.
func penaltyPoints(t *testing.T, grades *risk.Service, id int64) risk.Line {
	t.Helper()
	r, err := grades.GradeBusiness(context.Background(), id, time.Now(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range r.Lines {
		if l.Part == risk.PartDynamic && l.Factor == "penalty" {
			return l
		}
	}
	return risk.Line{}
}
