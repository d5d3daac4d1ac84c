package credit

import (
	"context"
	"errors"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// Service keeps the credit file in the database: records, classes and repair requests.
type Service struct {
	st   *store.Store
	book Lookup
	cal  *calendar.Calendar
	now  func() time.Time
}

// NewService returns the credit service over st with the city's rule book and the
// working-day calendar.
func NewService(st *store.Store, book Lookup, cal *calendar.Calendar) *Service {
	return &Service{st: st, book: book, cal: cal, now: time.Now}
}

// today is the China calendar day of now, as midnight UTC like every stored date.
func (s *Service) today() time.Time {
	y, m, d := s.now().In(calendar.China).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// policy loads the rules in force on day; a day before they were (Order 45 took effect on
// 2021-09-01) is a field error on field.
func (s *Service) policy(ctx context.Context, day time.Time, field string) (*Policy, error) {
	p, err := LoadPolicy(ctx, s.book, day)
	if errors.Is(err, rules.ErrNotInForce) {
		return nil, apperr.Fields(apperr.Field(field, "credit_before_rules", map[string]any{"date": day.Format(time.DateOnly)}))
	}
	return p, err
}
