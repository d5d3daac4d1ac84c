package inspect

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// Service keeps checklist templates: drafts, published (sealed) versions, the shipped
// defaults, and their import and export.
type Service struct {
	st   *store.Store
	book *rules.Book
	now  func() time.Time
}

// NewService returns the template service over st with the city's rule book.
func NewService(st *store.Store, book *rules.Book) *Service {
	return &Service{st: st, book: book, now: time.Now}
}

// ruleKey is the rule book's threshold of general failures for 基本符合.
const ruleKey = "inspect.basic_conform_max_general_failures"

// DefaultRule is the result rule a new version starts from: the rule book's threshold of
// general failures in force now (with its set and confidence as the source), and no key
// failure allowed.
func (s *Service) DefaultRule(ctx context.Context) (ResultRule, error) {
	n, e, err := s.book.Int(ctx, ruleKey, s.now())
	if err != nil {
		return ResultRule{}, err
	}
	return ResultRule{MaxGeneralFailures: n, Source: e.Ref + " " + ruleKey + " " + e.Confidence.Tag()}, nil
}

// actor is the login recorded as author of a write: the caller's, or "system".
func actor(ctx context.Context) string {
	if a := audit.ActorFrom(ctx); a.Login != "" {
		return a.Login
	}
	return audit.SystemLogin
}
