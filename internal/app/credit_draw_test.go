package app

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/credit"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCreditClassReachesTheDraw: a penalty recorded in the credit file changes the business's
// credit class, and the draw's entity directory takes the class from the journal.
func TestCreditClassReachesTheDraw(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a, city, _ := demoApp(t, st)
		ctx := audit.WithActor(access.WithScope(context.Background(), access.Everywhere), audit.Actor{Login: "bureau"})
		book, err := rules.New(st)
		if err != nil {
			t.Fatal(err)
		}
		day := time.Now().AddDate(0, -1, 0).Format(time.DateOnly)
		_, err = credit.NewService(st, book, calendar.Default()).AddRecord(ctx, credit.RecordInput{
			BusinessID: city.Demo.BusinessID, Kind: credit.KindPenalty, DocumentNumber: "罚〔2026〕7号", DecidedOn: day,
			Violation: "经营超过保质期的食品", Measures: []credit.Measure{credit.MeasureFine}, FineYuan: 50000, Severe: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Dispatcher.DrainOnce(ctx); err != nil {
			t.Fatal(err)
		}
		var class string
		err = st.ReadDB().QueryRowContext(ctx, `SELECT credit_class FROM draw_credit_classes WHERE business_id = $1`, city.Demo.BusinessID).Scan(&class)
		if err != nil || class != "C" {
			t.Errorf("draw credit class %q, %v; want C after a 较重 penalty", class, err)
		}
	})
}
