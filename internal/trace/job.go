package trace

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// JobState is where a capture job stands.
type JobState string

// The states of a capture job. A synchronous capture writes its job finished, succeeded or
// failed; running is the state of a job still being captured.
const (
	JobRunning   JobState = "running"
	JobSucceeded JobState = "succeeded"
	JobFailed    JobState = "failed"
)

// Job is a capture job (采集任务): one document sent to capture, who sent it and how it
// went.
type Job struct {
	ID int64
	// UserID is the account that captured, 0 for the system (the command line, benchmarks);
	// BusinessID the business a business operator captured as; OrgUnitID the account's unit.
	UserID, BusinessID, OrgUnitID int64
	State                         JobState
	ReceivedAt, FinishedAt        time.Time
	Size                          int // bytes of the document
	EventCount                    int // events in the document
	Stored                        int // events stored; the others were repeats
	// Context is the document's @context as sent, which names its extension namespaces.
	Context json.RawMessage
	// Report says why a failed job's document was refused.
	Report *Report
}

// insertJob writes job and gives it its id.
func insertJob(ctx context.Context, w writer, job *Job) error {
	var report any
	if job.Report != nil {
		b, err := json.Marshal(job.Report)
		if err != nil {
			return fmt.Errorf("encode report: %w", err)
		}
		report = string(b)
	}
	q := `INSERT INTO epcis_capture_jobs (user_id, business_id, org_unit_id, state, received_at, finished_at, size,
		event_count, stored, context, problems) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`
	err := w.query(ctx, q, []any{orNull(job.UserID), orNull(job.BusinessID), orNull(job.OrgUnitID), string(job.State),
		job.ReceivedAt, job.FinishedAt, job.Size, job.EventCount, job.Stored, string(job.Context), report},
		func(scan func(...any) error) error { return scan(&job.ID) })
	if err != nil {
		return fmt.Errorf("insert capture job: %w", err)
	}
	return nil
}

// jobColumns are the columns scanJob reads, of epcis_capture_jobs j.
const jobColumns = `j.id, j.user_id, j.business_id, j.org_unit_id, j.state, j.received_at, j.finished_at, j.size,
	j.event_count, j.stored, j.context, j.problems`

// scanJob reads a row of jobColumns.
func scanJob(scan func(...any) error) (Job, error) {
	var j Job
	var user, business, unit sql.NullInt64
	var finished sql.NullTime
	var context string
	var report sql.NullString
	if err := scan(&j.ID, &user, &business, &unit, &j.State, &j.ReceivedAt, &finished, &j.Size, &j.EventCount,
		&j.Stored, &context, &report); err != nil {
		return Job{}, err
	}
	j.UserID, j.BusinessID, j.OrgUnitID, j.FinishedAt = user.Int64, business.Int64, unit.Int64, finished.Time
	if context != "" {
		j.Context = json.RawMessage(context)
	}
	if report.Valid {
		j.Report = &Report{}
		if err := json.Unmarshal([]byte(report.String), j.Report); err != nil {
			return Job{}, fmt.Errorf("job %d: decode report: %w", j.ID, err)
		}
	}
	return j, nil
}
