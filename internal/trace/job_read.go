package trace

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
)

// Job returns capture job id when scope covers it; otherwise it is not found, so that its
// existence stays hidden.
func (s *Store) Job(ctx context.Context, scope access.Scope, id int64) (Job, error) {
	jobs, err := s.jobs(ctx, scope, "j.id = $1", id, 1)
	if err != nil {
		return Job{}, err
	}
	if len(jobs) == 0 {
		return Job{}, apperr.New(apperr.NotFound, "trace.job_not_found", map[string]any{"id": id})
	}
	return jobs[0], nil
}

// Jobs lists the capture jobs scope covers, newest first, up to limit of them with ids
// below before (0 for the newest).
func (s *Store) Jobs(ctx context.Context, scope access.Scope, before int64, limit int) ([]Job, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	return s.jobs(ctx, scope, "j.id < $1", before, limit)
}

// jobs reads the jobs that match where ($1 being arg) inside scope. A business operator's
// scope covers the jobs it captured as its business; a staff scope the jobs of accounts of
// its org units and of the businesses it covers.
func (s *Store) jobs(ctx context.Context, scope access.Scope, where string, arg any, limit int) ([]Job, error) {
	args := []any{arg, limit}
	inScope := jobScope(scope, &args)
	q := `SELECT ` + jobColumns + ` FROM epcis_capture_jobs j
		LEFT JOIN org_units o ON o.id = j.org_unit_id LEFT JOIN businesses b ON b.id = j.business_id
		WHERE ` + where + ` AND ` + inScope + ` ORDER BY j.id DESC LIMIT $2`
	rows, err := s.st.ReadDB().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read capture jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("read capture jobs: %w", err)
		}
		j.ReceivedAt, j.FinishedAt = j.ReceivedAt.UTC(), j.FinishedAt.UTC()
		out = append(out, j)
	}
	return out, rows.Err()
}

// jobScope is the SQL condition of the jobs scope covers, adding its arguments to args.
func jobScope(scope access.Scope, args *[]any) string {
	arg := func(v any) string {
		*args = append(*args, v)
		return "$" + strconv.Itoa(len(*args))
	}
	switch {
	case scope.BusinessID != 0:
		return "j.business_id = " + arg(scope.BusinessID)
	case scope.CityWide():
		return "1 = 1"
	}
	business := "b.district_id = " + arg(scope.DistrictID)
	if scope.StationID != 0 {
		business += " AND b.station_id = " + arg(scope.StationID)
	}
	if scope.GridID != 0 {
		business += " AND b.grid_id = " + arg(scope.GridID)
	}
	return "(o.path LIKE " + arg(scope.Path+"%") + " OR (" + business + "))"
}
