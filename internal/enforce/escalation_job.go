package enforce

import (
	"context"
	"log/slog"
	"time"

	"github.com/shejian/shejian/internal/access"
)

// RunDailyEscalation escalates the overdue rectifications city-wide at once and then every
// 24 hours until ctx ends. The app starts it at boot: go svc.RunDailyEscalation(ctx).
func (s *Service) RunDailyEscalation(ctx context.Context) {
	ticker := time.NewTicker(24 * time.Hour)
	defer ticker.Stop()
	s.EscalateOnTicks(ctx, ticker.C)
}

// EscalateOnTicks escalates the overdue rectifications city-wide (access.Everywhere) once
// at start and again at every tick, as of the tick's China calendar day, until ctx ends or
// ticks is closed. A failed run is logged and the next tick tries again: escalation is
// safe to repeat.
func (s *Service) EscalateOnTicks(ctx context.Context, ticks <-chan time.Time) {
	today := s.today()
	for {
		n, err := s.escalateOverdueOn(ctx, access.Everywhere, today)
		switch {
		case err != nil && ctx.Err() == nil:
			slog.ErrorContext(ctx, "daily escalation of overdue rectifications", "err", err)
		case n > 0:
			slog.InfoContext(ctx, "daily escalation of overdue rectifications", "escalated", n)
		}
		select {
		case <-ctx.Done():
			return
		case tick, ok := <-ticks:
			if !ok {
				return
			}
			today = civilDay(tick)
		}
	}
}
