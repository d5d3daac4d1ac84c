package enforce

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// Lookup is the part of the rule book the deadlines and fine ranges are read from.
type Lookup interface {
	Int(ctx context.Context, key string, at time.Time) (int, rules.Effective, error)
	Float(ctx context.Context, key string, at time.Time) (float64, rules.Effective, error)
	Numbers(ctx context.Context, key string, at time.Time) ([]float64, rules.Effective, error)
}

// Service keeps rectifications and cases in the database.
type Service struct {
	st   *store.Store
	book Lookup
	cal  *calendar.Calendar
	now  func() time.Time
}

// NewService returns the service over st with the city's rule book and the working-day
// calendar.
func NewService(st *store.Store, book Lookup, cal *calendar.Calendar) *Service {
	return &Service{st: st, book: book, cal: cal, now: time.Now}
}

// today is the China calendar day of now, as midnight UTC like every stored date.
func (s *Service) today() time.Time { return civilDay(s.now()) }

// civilDay is the China calendar day of t as midnight UTC.
func civilDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.China).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// actor is the login the audit log and the steps name.
func actor(ctx context.Context) string {
	if a := audit.ActorFrom(ctx); a.Login != "" {
		return a.Login
	}
	return audit.SystemLogin
}

// stamp is now as stored: UTC at the microsecond PostgreSQL keeps.
func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }
