package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// unitColumn is the business column that places a business in a unit of each kind; a city
// holds every business.
var unitColumn = map[string]string{"district": "b.district_id", "station": "b.station_id", "grid": "b.grid_id"}

// PlanQuery asks for the plan of org unit UnitID for Year, with its progress on the plan's
// day (today, at Now, or the last day of a past year). Covers admits the unit by its org
// path; a unit it does not admit is not found, as one that does not exist. A plan lists its
// businesses for a station or a grid, and for any unit with AllRows (an export).
type PlanQuery struct {
	UnitID  int64
	Year    int
	Now     time.Time
	Covers  func(path string) bool
	AllRows bool
}

// PlanFor draws up the annual plan q asks for.
func (s *Service) PlanFor(ctx context.Context, q PlanQuery) (*AnnualPlan, error) {
	unit, err := s.planUnit(ctx, q.UnitID, q.Covers)
	if err != nil {
		return nil, err
	}
	keep := q.AllRows || unit.Kind == "station" || unit.Kind == "grid"
	p, _, err := s.buildPlan(ctx, unit, q.Year, q.Now, func(*PlanRow) bool { return keep })
	return p, err
}

// OverdueFor lists the overdue businesses of the unit q asks for, per station, on the
// plan's day.
func (s *Service) OverdueFor(ctx context.Context, q PlanQuery) (*OverdueList, error) {
	unit, err := s.planUnit(ctx, q.UnitID, q.Covers)
	if err != nil {
		return nil, err
	}
	p, names, err := s.buildPlan(ctx, unit, q.Year, q.Now, (*PlanRow).Overdue)
	if err != nil {
		return nil, err
	}
	return overdueOf(p, names), nil
}

// planUnit reads org unit id when covers admits its path.
func (s *Service) planUnit(ctx context.Context, id int64, covers func(string) bool) (PlanUnit, error) {
	u := PlanUnit{ID: id}
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT kind, name, path FROM org_units WHERE id = $1`, id).Scan(&u.Kind, &u.Name, &u.Path)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && !covers(u.Path):
		return u, apperr.New(apperr.NotFound, "risk.unit_not_found", map[string]any{"id": id})
	case err != nil:
		return u, fmt.Errorf("read org unit %d: %w", id, store.Normalize(err))
	}
	return u, nil
}

// buildPlan reads the businesses of unit with their grade in force and inspections up to
// the plan's day and plans them, keeping the rows keep admits; names are the unit names of
// districts and stations.
func (s *Service) buildPlan(ctx context.Context, unit PlanUnit, year int, now time.Time, keep func(*PlanRow) bool) (*AnnualPlan, map[int64]string, error) {
	y := newPlanYear(year, now)
	r, err := loadPlanRules(ctx, s.book, y.RulesDay)
	if err != nil {
		return nil, nil, err
	}
	names, err := s.unitNames(ctx) // before the two cursors below, which hold two connections
	if err != nil {
		return nil, nil, err
	}
	b := newPlanBuilder(r, y, unit, keep)
	// A city's inspections are read in the order of their index by business; a unit's
	// businesses in the order of their index by unit, with the inspections of each: either
	// way without sorting.
	where, inUnit, order := `b.status <> 'closed'`, []any{}, `e.business_id`
	if col, ok := unitColumn[unit.Kind]; ok {
		where, inUnit, order = where+` AND `+col+` = $2`, []any{unit.ID}, `b.id`
	}
	visits, err := s.visits(ctx, where, order, append([]any{endOfDay(y.Day)}, inUnit...))
	if err != nil {
		return nil, nil, err
	}
	defer visits.close()
	// The grade in force comes packed in one column ("scheme:grade:priority") so that one
	// walk of the index risk_grades_in_force finds it, without reading the grade row.
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT b.id, b.name, b.category, b.kind, b.district_id, b.station_id,
		b.licence_issued, b.created_at, COALESCE((SELECT g.scheme || ':' || g.grade || ':' || g.priority
			FROM risk_grades g WHERE g.business_id = b.id AND g.graded_on < $1 ORDER BY g.id DESC LIMIT 1), '')
		FROM businesses b WHERE `+where+` ORDER BY b.id`, append([]any{endOfDay(y.RulesDay)}, inUnit...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("read businesses to plan: %w", store.Normalize(err))
	}
	defer rows.Close()
	for rows.Next() {
		in, gradable, err := scanPlanInput(rows)
		if err != nil {
			return nil, nil, err
		}
		if in.Visits, err = visits.of(in.BusinessID); err != nil {
			return nil, nil, err
		}
		if !gradable && in.Grade == "" {
			continue // no static table (a farm): outside risk-graded supervision
		}
		if err := b.add(in); err != nil {
			return nil, nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read businesses to plan: %w", store.Normalize(err))
	}
	return b.finish(names), names, nil
}

func scanPlanInput(rows *sql.Rows) (planInput, bool, error) {
	var in planInput
	var category, kind, graded string
	var issued sql.NullTime
	if err := rows.Scan(&in.BusinessID, &in.Name, &category, &kind, &in.DistrictID, &in.StationID,
		&issued, &in.Start, &graded); err != nil {
		return in, false, fmt.Errorf("scan business to plan: %w", err)
	}
	if issued.Valid {
		in.Start = issued.Time
	}
	if graded != "" {
		scheme, rest, _ := strings.Cut(graded, ":")
		grade, priority, _ := strings.Cut(rest, ":")
		in.Scheme, in.Grade, in.Priority = SchemeName(scheme), Grade(grade), priority == "1"
	}
	_, gradable := RegistryFactors(&registry.Business{Category: registry.CategoryCode(category), Kind: kind})
	return in, gradable, nil
}

// unitNames maps the ids of districts and stations to their names.
func (s *Service) unitNames(ctx context.Context) (map[int64]string, error) {
	names, err := store.IDNames(ctx, s.st.ReadDB(), `SELECT id, name FROM org_units WHERE kind IN ('district', 'station')`)
	if err != nil {
		return nil, fmt.Errorf("read unit names: %w", err)
	}
	return names, nil
}

// visitCursor walks the inspections of a unit in business order beside its businesses.
type visitCursor struct {
	rows *sql.Rows
	next struct {
		id int64
		visit
	}
	more bool
}

// visits opens the inspections (risk_events of kind inspection) of the businesses matching
// where (with args[1:]), before args[0], ordered by business (order names its id column).
// They are imported history and the signed inspections the journal brings (Subscribe).
func (s *Service) visits(ctx context.Context, where, order string, args []any) (*visitCursor, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT e.business_id, e.occurred_at, e.full_checklist
		FROM businesses b JOIN risk_events e ON e.business_id = b.id
		WHERE e.kind = 'inspection' AND e.occurred_at < $1 AND `+where+` ORDER BY `+order+`, e.occurred_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("read inspections to plan: %w", store.Normalize(err))
	}
	c := &visitCursor{rows: rows}
	return c, c.advance()
}

func (c *visitCursor) advance() error {
	if c.more = c.rows.Next(); !c.more {
		if err := c.rows.Err(); err != nil {
			return fmt.Errorf("read inspections to plan: %w", store.Normalize(err))
		}
		return nil
	}
	var full int
	if err := c.rows.Scan(&c.next.id, &c.next.On, &full); err != nil {
		return fmt.Errorf("scan inspection: %w", err)
	}
	c.next.On, c.next.Full = civilDay(c.next.On), full == 1
	return nil
}

// of returns the inspections of business id; businesses must be asked in id order.
func (c *visitCursor) of(id int64) ([]visit, error) {
	var out []visit
	for c.more && c.next.id <= id {
		if c.next.id == id {
			out = append(out, c.next.visit)
		}
		if err := c.advance(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *visitCursor) close() { c.rows.Close() }

// endOfDay is the end of a civil day in Beijing, in UTC as times are stored.
func endOfDay(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, calendar.China).UTC()
}

// ownUnit is the org unit of a scope: the last id of its org path, 0 for none.
func ownUnit(path string) int64 {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	id, _ := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	return id
}
