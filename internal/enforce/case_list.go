package enforce

import (
	"context"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// Case returns case id with its steps when it lies in the caller's scope; an operator sees
// its own business's cases once decided.
func (s *Service) Case(ctx context.Context, id int64) (*Case, error) {
	c, err := caseByID(ctx, s.st.ReadDB(), id)
	if err != nil {
		return nil, err
	}
	scope := access.ScopeFrom(ctx)
	if !c.place().seenBy(scope) || (scope.BusinessID != 0 && c.stepRow(Decided) == nil) {
		return nil, caseNotFound(id)
	}
	c.Overdue = c.StepDue != nil && c.StepDue.Before(s.today())
	return c, nil
}

// CaseFilter narrows a list of cases inside the caller's scope.
type CaseFilter struct {
	StationID int64
	Open      bool // not closed, not filed or transferred
	Overdue   bool // open and past the deadline of the current step
}

// Cases lists the cases of f in the caller's scope, newest first; an operator its own
// business's decided ones.
func (s *Service) Cases(ctx context.Context, f CaseFilter) ([]*Case, error) {
	scope := access.ScopeFrom(ctx)
	where, args := scopeWhere(scope, "c", 1)
	if scope.BusinessID != 0 {
		where += " AND EXISTS (SELECT 1 FROM case_steps d WHERE d.case_id = c.id AND d.step = 'decided')"
	}
	if f.StationID != 0 {
		args = append(args, f.StationID)
		where += fmt.Sprintf(" AND c.station_id = $%d", len(args))
	}
	if f.Open || f.Overdue {
		where += " AND c.step NOT IN ('closed','not_filed','transferred')"
	}
	today := s.today()
	if f.Overdue {
		args = append(args, today)
		where += fmt.Sprintf(" AND c.step_due < $%d", len(args))
	}
	out := []*Case{}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT `+caseColumns+caseFrom+` WHERE 1 = 1`+where+`
		ORDER BY c.id DESC LIMIT 1000`, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", store.Normalize(err))
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", store.Normalize(err))
		}
		c.Overdue = c.StepDue != nil && c.StepDue.Before(today)
		out = append(out, c)
	}
	return out, store.Normalize(rows.Err())
}
