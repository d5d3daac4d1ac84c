package risk

import (
	"errors"
	"fmt"
	"time"
)

// Errors a grading wraps.
var (
	ErrNoSector    = errors.New("business has no static scoring table")
	ErrNotInScheme = errors.New("scheme does not grade this sector")
)

// Input is what grading one business needs: its static factors and its record.
type Input struct {
	BusinessID int64
	Factors    StaticFactors
	Events     []Event
}

// Grade grades one business under the scheme on the scheme's day. It is a pure function of
// the scheme and the input.
func (s *Scheme) Grade(in Input) (Result, error) {
	return s.gradeInto(in, make([]Line, 0, 16))
}

// gradeInto grades as Grade does, its lines appended to lines[:0]: a recompute that stores
// each grading before the next reuses one slice.
func (s *Scheme) gradeInto(in Input, lines []Line) (Result, error) {
	if !s.covers(in.Factors.Sector) {
		return Result{}, fmt.Errorf("grade business %d: %s under %s: %w", in.BusinessID, in.Factors.Sector, s.Name, ErrNotInScheme)
	}
	lines, err := s.scoreStatic(in.Factors, lines[:0])
	if err != nil {
		return Result{}, fmt.Errorf("grade business %d: %w", in.BusinessID, err)
	}
	var publicitySince time.Time
	if s.Credit != nil {
		publicitySince = s.At.AddDate(-int(s.PublicityYears.Value), 0, 0)
	}
	t := tallyOf(in.Events, s.At.AddDate(0, -int(s.LookbackMonths.Value), 0), s.At, publicitySince)
	static := len(lines)
	lines = s.scoreDynamic(&t, lines)
	dynamic := len(lines)
	lines = s.scoreCredit(&t, lines)
	r := Result{BusinessID: in.BusinessID, Scheme: s.Name, At: s.At, Factors: in.Factors, Lines: lines,
		Static: total(lines[:static]), Dynamic: total(lines[static:dynamic]), Credit: total(lines[dynamic:])}
	r.Total = r.Static + r.Dynamic + r.Credit
	r.Scored, r.Band, r.BandBelow = s.band(r.Total)
	r.Grade, r.Adjustments = s.adjust(r.Scored, &t)
	r.Plan = s.plan(r.Grade, in.Factors, in.Events)
	return r, nil
}

// band finds the grade of a total: up to the A bound (inclusive) is A, and so on; above the
// C bound is D. It returns the bounds that decided: the one the total is within and the
// one it is above.
func (s *Scheme) band(points float64) (g Grade, within, above *Source) {
	for i, b := range s.Bands {
		if points <= b.Value {
			if i > 0 {
				above = s.Bands[i-1].Source
			}
			return Grades[i], b.Source, above
		}
	}
	return GradeD, s.Bands[2].Source, s.Bands[2].Source
}
