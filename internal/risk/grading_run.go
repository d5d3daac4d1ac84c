package risk

import (
	"context"
	"errors"
	"time"
)

// gradingRun is a grading of businesses on one day: the schemes in force and the numbers
// of the sources they cite.
type gradingRun struct {
	at      time.Time
	schemes Schemes
	cite    citations
}

func (s *Service) newRun(ctx context.Context, at time.Time, producersDraft bool) (*gradingRun, error) {
	schemes, err := s.Schemes(ctx, at, producersDraft)
	if err != nil {
		return nil, err
	}
	cite, err := s.cite(ctx, schemes)
	if err != nil {
		return nil, err
	}
	return &gradingRun{at: at, schemes: schemes, cite: cite}, nil
}

// gradePage grades and encodes the page on every core.
func (run *gradingRun) gradePage(ctx context.Context, p *gradingPage) error {
	p.graded = make([]storedGrade, 0, len(p.inputs))
	return inChunks(ctx, len(p.inputs), func(first, end int) []gradeOutcome {
		out := make([]gradeOutcome, end-first)
		var scratch gradeScratch
		for i := range out {
			_, out[i].grade, out[i].err = run.grade(&p.inputs[first+i], &scratch)
		}
		return out
	}, func(_ int, out []gradeOutcome) error {
		for _, o := range out {
			switch {
			case errors.Is(o.err, errUncited):
				return o.err
			case o.err != nil:
				p.failed++
			default:
				p.graded = append(p.graded, o.grade)
			}
		}
		return nil
	}, nil)
}

// gradeOutcome is one business of a page graded, or why it was not.
type gradeOutcome struct {
	grade storedGrade
	err   error
}

// gradeScratch is what grading one business after another reuses: the lines of a grading,
// which is stored before the next, and the buffer it is encoded in.
type gradeScratch struct {
	lines []Line
	text  []byte
}

// grade grades one business and encodes the grading for writing. The Result it returns
// holds scratch's lines until the next grading with scratch.
func (run *gradingRun) grade(in *gradeInput, scratch *gradeScratch) (Result, storedGrade, error) {
	r, err := run.schemes.For(in.Factors.Sector).gradeInto(in.Input, scratch.lines)
	if err != nil {
		return r, storedGrade{}, err
	}
	scratch.lines = r.Lines
	if scratch.text, err = appendStored(scratch.text[:0], &r, run.cite); err != nil {
		return r, storedGrade{}, err
	}
	g := storedGrade{businessID: r.BusinessID, scheme: r.Scheme, grade: r.Grade, priority: r.Plan.Priority,
		refs: r.RuleRefs(), explanation: string(scratch.text)}
	g.key = gradeKey(g.scheme, g.grade, g.priority, g.refs)
	g.changed = in.later || in.key != g.key
	return r, g, nil
}

// GradeBusiness grades one business on the day at under the 2016 scheme (or the 2022 draft
// for a producer when producersDraft is set) and keeps the grade, as RecomputeAll does.
func (s *Service) GradeBusiness(ctx context.Context, businessID int64, at time.Time, producersDraft bool) (Result, error) {
	run, err := s.newRun(ctx, at, producersDraft)
	if err != nil {
		return Result{}, err
	}
	in, err := s.readOne(ctx, run.at, businessID)
	if err != nil {
		return Result{}, err
	}
	r, g, err := run.grade(in, &gradeScratch{})
	if err != nil {
		return r, err
	}
	return r, s.writeGrades(ctx, run.at, []storedGrade{g})
}

// Preview grades one business as GradeBusiness does, without keeping the grade.
func (s *Service) Preview(ctx context.Context, businessID int64, at time.Time, producersDraft bool) (Result, error) {
	schemes, err := s.Schemes(ctx, at, producersDraft)
	if err != nil {
		return Result{}, err
	}
	in, err := s.readOne(ctx, at, businessID)
	if err != nil {
		return Result{}, err
	}
	return schemes.For(in.Factors.Sector).Grade(in.Input)
}
