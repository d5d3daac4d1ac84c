package risk

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// JobState is where a recompute job stands.
type JobState string

// The states of a job.
const (
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed"
)

// errInterrupted is the error of a job whose process ended while it ran.
const errInterrupted = "risk.recompute.interrupted"

// RecomputeJob is a bulk recompute (风险等级批量重算) running in the background: how many
// businesses of the total are graded so far, and once done the summary, or the message key
// of why it failed (Error). Its row in risk_recompute_jobs outlives the request and the page
// that started it.
type RecomputeJob struct {
	ID             int64      `json:"id"`
	State          JobState   `json:"state"`
	Done           int        `json:"done"`
	Total          int        `json:"total"`
	Summary        *Summary   `json:"summary"`
	Error          string     `json:"error,omitempty"`
	ProducersDraft bool       `json:"producers_draft"`
	StartedBy      string     `json:"started_by"`
	StartedAt      time.Time  `json:"started_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	FinishedAt     *time.Time `json:"finished_at,omitempty"`
	Href           string     `json:"href"`
}

// Percent is the share done, 0–100, for a progress indicator.
func (j *RecomputeJob) Percent() int {
	if j.Total == 0 {
		return 0
	}
	return j.Done * 100 / j.Total
}

// Of is how many businesses the job graded g, for the page.
func (s Summary) Of(g Grade) int { return s.Graded[g] }

// StartRecompute starts grading every business on the day at in the background and
// returns the job at once. One job runs at a time: while one runs, another is a Conflict
// that names it. The job outlives ctx's cancellation (the request that started it) but not
// the process: a job interrupted so is marked failed when the next process first looks.
func (s *Service) StartRecompute(ctx context.Context, at time.Time, producersDraft bool, by string) (*RecomputeJob, error) {
	if err := s.recoverJobs(ctx); err != nil {
		return nil, err
	}
	job, err := s.insertJob(ctx, producersDraft, by)
	if err != nil {
		return nil, err
	}
	s.jobs.Add(1)
	go s.runJob(context.WithoutCancel(ctx), job.ID, at, producersDraft)
	return job, nil
}

// runJob grades the city, keeping the job's progress and outcome in its row.
func (s *Service) runJob(ctx context.Context, id int64, at time.Time, producersDraft bool) {
	defer s.jobs.Done()
	sum, err := s.RecomputeAll(ctx, at, producersDraft, func(done, total int) {
		if err := s.jobProgress(ctx, id, done, total); err != nil {
			slog.ErrorContext(ctx, "risk recompute: keep progress", "job", id, "err", err)
		}
	})
	key := ""
	if err != nil {
		slog.ErrorContext(ctx, "risk recompute failed", "job", id, "err", err)
		key = apperr.From(err).MessageKey()
	}
	if err := s.finishJob(ctx, id, sum, key); err != nil {
		slog.ErrorContext(ctx, "risk recompute: keep outcome", "job", id, "err", err)
	}
}

// Job returns recompute job id (NotFound when there is none).
func (s *Service) Job(ctx context.Context, id int64) (*RecomputeJob, error) {
	if err := s.recoverJobs(ctx); err != nil {
		return nil, err
	}
	return s.readJob(ctx, `id = $1`, id)
}

// LatestJob returns the newest recompute job, nil when none ever ran.
func (s *Service) LatestJob(ctx context.Context) (*RecomputeJob, error) {
	if err := s.recoverJobs(ctx); err != nil {
		return nil, err
	}
	j, err := s.readJob(ctx, `id = (SELECT MAX(id) FROM risk_recompute_jobs)`)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return j, err
}

func jobHref(id int64) string { return "/api/v1/risk/recompute/" + strconv.FormatInt(id, 10) }
