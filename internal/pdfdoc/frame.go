package pdfdoc

import "time"

// Heading draws what tops every document: the issuing unit, the title and the number.
func (s *Sheet) Heading(issuer, title, number string) error {
	return Steps(
		func() error { return s.Centered(issuer, 14) },
		func() error { return s.Centered(title, 20) },
		func() error { return s.Right(number) },
	)
}

// SignOff closes a document with the issuing unit and the day it speaks for.
func (s *Sheet) SignOff(issuer string, day time.Time) error {
	s.Gap(18)
	return Steps(
		func() error { return s.Right(issuer) },
		func() error { return s.Right(DateText(day)) },
	)
}

// Steps runs draw steps in order, stopping at the first error.
func Steps(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// DateText writes a day as documents do: 2026年9月24日.
func DateText(t time.Time) string { return t.Format("2006年1月2日") }
