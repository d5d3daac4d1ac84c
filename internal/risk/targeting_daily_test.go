package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestTrainTargetingKeepsTheDaysRanker: the daily training keeps the ranker of its day,
// which the targeting list then uses as it is; a city with too little record keeps none.
func TestTrainTargetingKeepsTheDaysRanker(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTargetingWorld(t, st)
		w.svc.trainTargeting(ctx, planNow)
		trained := w.svc.targets.ranker
		if trained == nil || !w.svc.targets.day.Equal(civilDay(planNow)) {
			t.Fatalf("after training for %s the ranker kept is %v for %s", civilDay(planNow), trained, w.svc.targets.day)
		}
		if _, err := w.svc.TargetsFor(ctx, w.query(w.s1, coversAll), false); err != nil {
			t.Fatal(err)
		}
		if w.svc.targets.ranker != trained {
			t.Error("the targeting list trained another ranker for the day already trained for")
		}
	})
}

func TestTrainTargetingWithTooLittleRecord(t *testing.T) {
	w := newPlanWorld(t, storetest.Open(t, store.SQLite))
	w.svc.trainTargeting(context.Background(), planNow)
	if w.svc.targets.ranker != nil {
		t.Error("a ranker was kept for a city with too little record to learn from")
	}
}

func TestUntilNextDay(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation(time.DateTime, s, calendar.China)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		now  time.Time
		want time.Duration
	}{
		{at("2026-12-01 23:59:00"), 61 * time.Second},
		{at("2026-12-01 00:00:00"), 24*time.Hour + time.Second},
		{at("2026-12-31 12:00:00"), 12*time.Hour + time.Second},
		{time.Date(2026, 12, 1, 16, 30, 0, 0, time.UTC), 23*time.Hour + 30*time.Minute + time.Second}, // 00:30 on 2 December in China
	} {
		if got := untilNextDay(c.now); got != c.want {
			t.Errorf("untilNextDay(%s) = %s, want %s", c.now, got, c.want)
		}
	}
}
