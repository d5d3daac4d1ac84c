package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// recoverJobs marks failed, once per process, the jobs another process left running: that
// process ended (a crash, a restart) before they finished. A city runs one server process;
// see risk_recompute_jobs in migration 0022.
func (s *Service) recoverJobs(ctx context.Context) error {
	s.recoverMu.Lock()
	defer s.recoverMu.Unlock()
	if s.recovered {
		return nil
	}
	now := time.Now().UTC()
	_, err := s.st.DB().ExecContext(ctx, `UPDATE risk_recompute_jobs SET state = 'failed', error = $1, updated_at = $2,
		finished_at = $2 WHERE state = 'running' AND owner <> $3`, errInterrupted, now, s.instance)
	if err != nil {
		return fmt.Errorf("fail interrupted recompute jobs: %w", store.Normalize(err))
	}
	s.recovered = true
	return nil
}

// insertJob records a running job; the unique index on running jobs refuses a second one,
// which is a Conflict naming the one that runs.
func (s *Service) insertJob(ctx context.Context, producersDraft bool, by string) (*RecomputeJob, error) {
	now := time.Now().UTC()
	var id int64
	err := s.st.DB().QueryRowContext(ctx, `INSERT INTO risk_recompute_jobs (state, producers_draft, owner, started_by,
		started_at, updated_at) VALUES ('running', $1, $2, $3, $4, $4) RETURNING id`, boolInt(producersDraft), s.instance, by, now).Scan(&id)
	if err = store.Normalize(err); errors.Is(err, store.ErrUnique) {
		running, rerr := s.readJob(ctx, `state = 'running'`)
		if rerr != nil {
			return nil, rerr
		}
		return nil, apperr.New(apperr.Conflict, "risk.recompute.running", map[string]any{"id": running.ID,
			"done": running.Done, "total": running.Total, "href": running.Href})
	} else if err != nil {
		return nil, fmt.Errorf("start recompute job: %w", err)
	}
	return s.readJob(ctx, `id = $1`, id)
}

func (s *Service) jobProgress(ctx context.Context, id int64, done, total int) error {
	_, err := s.st.DB().ExecContext(ctx, `UPDATE risk_recompute_jobs SET done = $2, total = $3, updated_at = $4 WHERE id = $1`,
		id, done, total, time.Now().UTC())
	return store.Normalize(err)
}

// finishJob records the outcome: done with its summary, or failed with errKey.
func (s *Service) finishJob(ctx context.Context, id int64, sum Summary, errKey string) error {
	state, summary := JobDone, ""
	if errKey != "" {
		state = JobFailed
	} else {
		data, err := json.Marshal(sum)
		if err != nil {
			return fmt.Errorf("encode summary: %w", err)
		}
		summary = string(data)
	}
	now := time.Now().UTC()
	_, err := s.st.DB().ExecContext(ctx, `UPDATE risk_recompute_jobs SET state = $2, summary = $3, error = $4, updated_at = $5,
		finished_at = $5 WHERE id = $1`, id, string(state), summary, errKey, now)
	return store.Normalize(err)
}

// readJob reads the job matching where (with args).
func (s *Service) readJob(ctx context.Context, where string, args ...any) (*RecomputeJob, error) {
	var j RecomputeJob
	var draft int
	var summary string
	var finished sql.NullTime
	err := s.st.DB().QueryRowContext(ctx, `SELECT id, state, producers_draft, done, total, summary, error, started_by,
		started_at, updated_at, finished_at FROM risk_recompute_jobs WHERE `+where, args...).
		Scan(&j.ID, &j.State, &draft, &j.Done, &j.Total, &summary, &j.Error, &j.StartedBy, &j.StartedAt, &j.UpdatedAt, &finished)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, apperr.New(apperr.NotFound, "risk.recompute.not_found", nil)
	case err != nil:
		return nil, fmt.Errorf("read recompute job: %w", store.Normalize(err))
	}
	j.ProducersDraft, j.StartedAt, j.UpdatedAt, j.Href = draft == 1, j.StartedAt.UTC(), j.UpdatedAt.UTC(), jobHref(j.ID)
	if finished.Valid {
		t := finished.Time.UTC()
		j.FinishedAt = &t
	}
	if summary != "" {
		j.Summary = &Summary{}
		if err := json.Unmarshal([]byte(summary), j.Summary); err != nil {
			return nil, fmt.Errorf("decode summary of recompute job %d: %w", j.ID, err)
		}
	}
	return &j, nil
}
