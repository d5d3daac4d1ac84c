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

// gradePage grades and encodes the businesses of the page, counting those that fail to
// grade, but stopping at one whose stored data the code cannot read.
func (run *gradingRun) gradePage(p *gradingPage) error {
	p.graded = p.graded[:0]
	var scratch gradeScratch
	for i := range p.inputs {
		_, g, err := run.grade(&p.inputs[i], &scratch)
		switch {
		case errors.Is(err, errUncited) || errors.Is(err, errBadPack):
			return err
		case err != nil:
			p.failed++
		default:
			p.graded = append(p.graded, g)
		}
	}
	return nil
}

// gradeScratch is what grading one business after another reuses: its record unpacked,
// the lines of a grading, which is stored before the next, and the buffers it is encoded
// in (appendStored).
type gradeScratch struct {
	events            []Event
	lines             []Line
	binary, text, key []byte
	refs              []string
}

// grade grades one business and encodes the grading for writing. The Result it returns
// holds scratch's lines until the next grading with scratch.
func (run *gradingRun) grade(in *gradeInput, scratch *gradeScratch) (Result, storedGrade, error) {
	input, events, err := in.input(scratch.events)
	if err != nil {
		return Result{}, storedGrade{}, err
	}
	scratch.events = events
	r, err := run.schemes.For(in.Factors.Sector).gradeInto(input, scratch.lines)
	if err != nil {
		return r, storedGrade{}, err
	}
	scratch.lines = r.Lines
	if scratch.text, scratch.binary, err = appendStored(scratch.text[:0], &r, run.cite, scratch.binary); err != nil {
		return r, storedGrade{}, err
	}
	g := storedGrade{businessID: r.BusinessID, scheme: r.Scheme, grade: r.Grade, priority: r.Plan.Priority,
		explanation: string(scratch.text), first: in.first}
	var refs int
	scratch.key, scratch.refs, refs = appendGradeKey(scratch.key[:0], &r, scratch.refs)
	g.key = in.key // the same grade: the key read, rather than a copy of it
	if g.changed = in.key != string(scratch.key); g.changed {
		g.key = string(scratch.key)
	}
	g.refs = g.key[refs:]
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
	input, _, err := in.input(nil)
	if err != nil {
		return Result{}, err
	}
	return schemes.For(in.Factors.Sector).Grade(input)
}
