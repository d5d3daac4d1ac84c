package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Grades are kept in two tables (migration 0028). risk_grades_current holds the latest
// grading of each business, replaced by every grading. risk_grades is the history of grade
// changes (风险等级历史): a grading is copied there when it changes the scheme, grade,
// priority or rule versions of the latest grading (gradeKey), or is for an earlier day, so
// that the grade in force on any day reads as if every grading had been appended
// (plan_store.go).

// GradeRecord is a change of grade as the grade history keeps it: the grading that made it.
type GradeRecord struct {
	ID         int64     `json:"id"`
	RuleRefs   string    `json:"rule_refs"`
	ComputedAt time.Time `json:"computed_at"`
	Result
}

// RuleRefs lists every rule version the grading applied, overrides included, sorted and
// separated by spaces: what a grade keeps to say what it was judged under.
func (r *Result) RuleRefs() string {
	refs, _ := r.appendRuleRefs(nil, make([]string, 0, 8)) // a grading applies a handful of rule sets
	return string(refs)
}

// appendRuleRefs appends RuleRefs to b, listing the refs in refs[:0]; it returns both, for
// the next grading to reuse.
func (r *Result) appendRuleRefs(b []byte, refs []string) ([]byte, []string) {
	refs = refs[:0]
	r.eachRuleSource(func(s *Source) {
		if !slices.Contains(refs, s.Ref) {
			refs = append(refs, s.Ref)
		}
	})
	slices.Sort(refs)
	for i, ref := range refs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, ref...)
	}
	return b, refs
}

// eachRuleSource calls f with every source from the rule book the grading cites: all but
// the priority-target rule, which is a classification in code (priorityBasis).
func (r *Result) eachRuleSource(f func(*Source)) {
	add := func(s *Source) {
		if s != nil {
			f(s)
		}
	}
	for _, l := range r.Lines {
		add(l.Source)
	}
	for _, a := range r.Adjustments {
		add(a.Source)
	}
	for _, s := range []*Source{r.Band, r.BandBelow, r.Plan.Frequency, r.Plan.FullSource} {
		add(s)
	}
}

// A grade key is what a change of grade is: another scheme, grade, priority or set of rule
// versions, written "scheme grade priority rule_refs". The plan reads the first three from
// the history (plan_store.go); the rule versions make a new rule, or a city's override,
// show in the history.

// appendGradeKey appends the grade key of r to b, its rule versions listed in refs (which
// it returns for reuse, as appendRuleRefs); they start at b[start:].
func appendGradeKey(b []byte, r *Result, refs []string) (key []byte, reused []string, start int) {
	b = append(append(append(b, r.Scheme...), ' '), r.Grade...)
	b = append(strconv.AppendInt(append(b, ' '), int64(boolInt(r.Plan.Priority)), 10), ' ')
	start = len(b)
	b, refs = r.appendRuleRefs(b, refs)
	return b, refs, start
}

// gradeKeySQL is the grade key of the latest grading c.
const gradeKeySQL = `c.scheme || ' ' || c.grade || ' ' || c.priority || ' ' || c.rule_refs`

// History lists the grade changes of a business, newest first.
func (s *Service) History(ctx context.Context, businessID int64) ([]GradeRecord, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, rule_refs, explanation, computed_at
		FROM risk_grades WHERE business_id = $1 ORDER BY id DESC`, businessID)
	if err != nil {
		return nil, fmt.Errorf("grade history of business %d: %w", businessID, store.Normalize(err))
	}
	defer rows.Close()
	lookup := s.sources.lookup(ctx, s.st.ReadDB())
	var out []GradeRecord
	for rows.Next() {
		var g GradeRecord
		var explanation string
		if err := rows.Scan(&g.ID, &g.RuleRefs, &explanation, &g.ComputedAt); err != nil {
			return nil, fmt.Errorf("scan grade: %w", err)
		}
		if g.Result, err = decodeStored(businessID, explanation, lookup); err != nil {
			return nil, err
		}
		g.ComputedAt = g.ComputedAt.UTC()
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("grade history of business %d: %w", businessID, store.Normalize(err))
	}
	return out, nil
}

// latest returns the latest grading of a business, nil before the first.
func (s *Service) latest(ctx context.Context, businessID int64) (*Result, error) {
	var explanation string
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT explanation FROM risk_grades_current WHERE business_id = $1`,
		businessID).Scan(&explanation)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("current grade of business %d: %w", businessID, store.Normalize(err))
	}
	r, err := decodeStored(businessID, explanation, s.sources.lookup(ctx, s.st.ReadDB()))
	return &r, err
}
