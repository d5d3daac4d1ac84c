package enforce

import (
	"context"
	"fmt"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// RectificationFilter narrows a list of rectifications inside the caller's scope.
type RectificationFilter struct {
	StationID  int64
	DistrictID int64
	BusinessID int64
	Live       bool // open or escalated only
	Overdue    bool // live and past the deadline, or escalated
}

// Rectification returns rectification id when it lies in the caller's scope.
func (s *Service) Rectification(ctx context.Context, id int64) (*Rectification, error) {
	r, err := rectificationByID(ctx, s.st.ReadDB(), id)
	if err != nil {
		return nil, err
	}
	if !(place{r.BusinessID, r.DistrictID, r.StationID}).seenBy(access.ScopeFrom(ctx)) {
		return nil, apperr.New(apperr.NotFound, "enforce.rectification_not_found", map[string]any{"id": id})
	}
	r.Overdue = r.live() && r.DueOn.Before(s.today())
	return r, nil
}

// Rectifications lists the rectifications of f in the caller's scope, soonest due first.
func (s *Service) Rectifications(ctx context.Context, f RectificationFilter) ([]*Rectification, error) {
	where, args := scopeWhere(access.ScopeFrom(ctx), "r", 1)
	for _, c := range []struct {
		col string
		v   int64
	}{{"station_id", f.StationID}, {"district_id", f.DistrictID}, {"business_id", f.BusinessID}} {
		if c.v != 0 {
			args = append(args, c.v)
			where += fmt.Sprintf(" AND r.%s = $%d", c.col, len(args))
		}
	}
	today := s.today()
	if f.Live || f.Overdue {
		where += " AND r.status IN ('open','escalated')"
	}
	if f.Overdue {
		args = append(args, today)
		where += fmt.Sprintf(" AND (r.status = 'escalated' OR r.due_on < $%d)", len(args))
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT `+rectificationColumns+rectificationFrom+` WHERE 1 = 1`+where+`
		ORDER BY r.due_on, r.id LIMIT 1000`, args...)
	if err != nil {
		return nil, fmt.Errorf("list rectifications: %w", store.Normalize(err))
	}
	defer rows.Close()
	out := []*Rectification{}
	for rows.Next() {
		r, err := scanRectification(rows)
		if err != nil {
			return nil, fmt.Errorf("list rectifications: %w", store.Normalize(err))
		}
		r.Overdue = r.live() && r.DueOn.Before(today)
		out = append(out, r)
	}
	return out, store.Normalize(rows.Err())
}

// OverdueCount is the number of overdue rectifications of one station, for dashboards.
type OverdueCount struct {
	DistrictID int64 `json:"district_id"`
	StationID  int64 `json:"station_id"`
	Overdue    int   `json:"overdue"`
	Escalated  int   `json:"escalated"`
}

// OverdueByStation counts the overdue rectifications per station in the caller's scope
// (narrowed to districtID when set), stations with the most first.
func (s *Service) OverdueByStation(ctx context.Context, districtID int64) ([]OverdueCount, error) {
	where, args := scopeWhere(access.ScopeFrom(ctx), "r", 2)
	args = append([]any{s.today()}, args...)
	if districtID != 0 {
		args = append(args, districtID)
		where += fmt.Sprintf(" AND r.district_id = $%d", len(args))
	}
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT r.district_id, r.station_id, count(*),
		sum(CASE WHEN r.status = 'escalated' THEN 1 ELSE 0 END) FROM rectifications r
		WHERE (r.status = 'escalated' OR (r.status = 'open' AND r.due_on < $1))`+where+`
		GROUP BY r.district_id, r.station_id ORDER BY count(*) DESC, r.station_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("overdue by station: %w", store.Normalize(err))
	}
	defer rows.Close()
	out := []OverdueCount{}
	for rows.Next() {
		var c OverdueCount
		if err := rows.Scan(&c.DistrictID, &c.StationID, &c.Overdue, &c.Escalated); err != nil {
			return nil, fmt.Errorf("overdue by station: %w", store.Normalize(err))
		}
		out = append(out, c)
	}
	return out, store.Normalize(rows.Err())
}
