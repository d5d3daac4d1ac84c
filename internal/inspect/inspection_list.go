package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ListFilter narrows a list of inspections.
type ListFilter struct {
	// Mine keeps the inspections the caller is seated on.
	Mine bool
	// Open keeps those not yet signed, planned for Day or earlier (or not planned): the
	// day's tasks (今日检查任务).
	Open bool
	Day  time.Time
	// Overdue keeps those signed, not published and past their publication deadline on Day.
	Overdue bool
}

// List returns the inspections of the caller's scope that match f (at most 500), planned
// date then creation order; without answers, evidence and signatures.
func (s *Inspections) List(ctx context.Context, f ListFilter) ([]*Inspection, error) {
	v, err := s.viewerOf(ctx)
	if err != nil {
		return nil, err
	}
	where, args := v.where()
	if f.Mine {
		args = append(args, v.personID)
		where += fmt.Sprintf(` AND i.id IN (SELECT inspection_id FROM inspection_inspectors WHERE person_id = $%d)`, len(args))
	}
	day := time.Date(f.Day.Year(), f.Day.Month(), f.Day.Day(), 0, 0, 0, 0, time.UTC)
	if f.Open {
		args = append(args, day)
		where += fmt.Sprintf(` AND i.status <> 'signed' AND (i.planned_on IS NULL OR i.planned_on <= $%d)`, len(args))
	}
	if f.Overdue {
		args = append(args, day)
		where += fmt.Sprintf(` AND i.status = 'signed' AND p.inspection_id IS NULL AND i.publish_due < $%d`, len(args))
	}
	out := []*Inspection{}
	err = each(ctx, s.st.ReadDB(), "list inspections", `SELECT `+inspectionColumns+inspectionFrom+` WHERE `+where+`
		ORDER BY i.planned_on, i.id LIMIT 500`, args, func(r *sql.Rows) error {
		in, err := scanInspection(r)
		if err == nil {
			out = append(out, in)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, in := range out {
		if err := readInspectors(ctx, s.st.ReadDB(), in); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// where is the SQL condition (and its arguments) of the inspections the caller may read,
// the same rule as sees.
func (v viewer) where() (string, []any) {
	sc := v.scope
	switch {
	case v.operator():
		return `i.business_id = $1 AND i.status = 'signed'`, []any{sc.BusinessID}
	case sc.GridID != 0:
		return `i.id IN (SELECT inspection_id FROM inspection_inspectors WHERE person_id = $1)`, []any{v.personID}
	case sc.StationID != 0:
		return `(i.station_id = $1 OR i.id IN (SELECT inspection_id FROM inspection_inspectors WHERE person_id = $2))`,
			[]any{sc.StationID, v.personID}
	case sc.DistrictID != 0:
		return `(i.district_id = $1 OR i.id IN (SELECT inspection_id FROM inspection_inspectors WHERE person_id = $2))`,
			[]any{sc.DistrictID, v.personID}
	}
	return `1 = 1`, nil
}
