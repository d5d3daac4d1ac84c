package risk

import (
	"context"
	"log/slog"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
)

// RunDailyTargeting trains the targeting ranker for today at once, and again just after
// each midnight in China, until ctx ends: training reads three years of the city's record
// and takes seconds (14 to 18 s for the demo city on two cores), which the first visit of the
// day to the targeting page would otherwise wait through.
func (s *Service) RunDailyTargeting(ctx context.Context) {
	now := time.Now()
	for {
		s.trainTargeting(ctx, now)
		timer := time.NewTimer(untilNextDay(now))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case now = <-timer.C:
		}
	}
}

// trainTargeting trains the ranker for the day of now and logs how it went: a city with
// too little record to learn from is told at info level, as the page tells it too.
func (s *Service) trainTargeting(ctx context.Context, now time.Time) {
	start := time.Now()
	_, trainedOn, err := s.targetRanker(ctx, now)
	switch {
	case err == nil:
		slog.InfoContext(ctx, "targeting ranker trained", "day", civilDay(now).Format(time.DateOnly),
			"inspections", trainedOn, "took_ms", time.Since(start).Milliseconds())
	case apperr.CodeOf(err) == apperr.Conflict: // the only refusal: too little record
		slog.InfoContext(ctx, "targeting ranker not trained: too little record", "day", civilDay(now).Format(time.DateOnly))
	case ctx.Err() == nil:
		slog.ErrorContext(ctx, "train the targeting ranker", "err", err)
	}
}

// untilNextDay is how long after now the next day begins in China, and a second, so that
// a timer set for it fires on that day.
func untilNextDay(now time.Time) time.Duration {
	local := now.In(calendar.China)
	next := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 1, 0, calendar.China)
	return next.Sub(now)
}
