package risk

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// Card is what the grade page and GET /api/v1/risk/businesses/{id} show of a business: the
// factors it is scored from, its latest grading with the explanation of every point (or,
// before its first grading, a preview that is not kept) and its grade history: the
// gradings that changed its grade.
type Card struct {
	BusinessID      int64         `json:"business_id"`
	Name            string        `json:"name"`
	Factors         StaticFactors `json:"factors"`
	FactorsRecorded bool          `json:"factors_recorded"`
	Current         *Result       `json:"current"`
	Preview         bool          `json:"preview"` // Current is a preview, not a kept grade
	History         []GradeRecord `json:"history"`
}

// Card reads the card of business id when inScope admits it (NotFound otherwise).
func (s *Service) Card(ctx context.Context, id int64, inScope InScope, at time.Time, producersDraft bool) (*Card, error) {
	p, err := s.placed(ctx, id, inScope)
	if err != nil {
		return nil, err
	}
	c := &Card{BusinessID: id, Name: p.Name}
	if c.Factors, c.FactorsRecorded, err = s.Factors(ctx, id); err != nil {
		return nil, err
	}
	if c.History, err = s.History(ctx, id); err != nil {
		return nil, err
	}
	if c.History == nil {
		c.History = []GradeRecord{}
	}
	if c.Current, err = s.latest(ctx, id); err != nil {
		return nil, err
	}
	if c.Current != nil {
		if !c.FactorsRecorded {
			c.Factors = c.Current.Factors
		}
		return c, nil
	}
	r, err := s.Preview(ctx, id, at, producersDraft)
	switch {
	case apperr.From(err).Key == "risk.not_graded":
		return c, nil // a farm: no grade to show
	case err != nil:
		return nil, err
	}
	c.Current, c.Preview, c.Factors = &r, true, r.Factors
	return c, nil
}
