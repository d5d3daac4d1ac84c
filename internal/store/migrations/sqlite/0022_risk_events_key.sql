-- Risk record events made idempotent, and the recompute job (issue 5, review).
--
-- A record event is one fact, keyed by its business, kind, day and reference (ref): the
-- number of the decision or document, or the UUID of a signed inspection, '' when the
-- source gives none. Importing a file twice, or a journal entry delivered twice, finds the
-- key taken and stores nothing. Rows already stored twice (a history file imported twice
-- before this key) are reduced to the first.
ALTER TABLE risk_events ADD COLUMN ref TEXT NOT NULL DEFAULT '';
DELETE FROM risk_events WHERE id NOT IN (SELECT MIN(id) FROM risk_events GROUP BY business_id, kind, occurred_at, ref);
CREATE UNIQUE INDEX risk_events_key ON risk_events(business_id, kind, occurred_at, ref);
CREATE INDEX risk_events_ref ON risk_events(ref) WHERE ref <> '';

-- Corrections of signed inspections (seal corrections): ref is the UUID of the corrected
-- inspection, corrected_by the correcting one's. An inspection found here is never counted,
-- whichever of the two the journal delivers first.
CREATE TABLE risk_event_corrections (
    ref           TEXT PRIMARY KEY,
    corrected_by  TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

-- Bulk recompute jobs (风险等级批量重算): one runs at a time (the partial unique index), its
-- progress kept here so that a page reload shows it; state is running, done or failed.
-- summary is the JSON of risk.Summary once done. A job still running when its process
-- started again was interrupted and is marked failed.
CREATE TABLE risk_recompute_jobs (
    id               INTEGER PRIMARY KEY,
    state            TEXT NOT NULL CHECK (state IN ('running','done','failed')),
    producers_draft  INTEGER NOT NULL DEFAULT 0 CHECK (producers_draft IN (0,1)),
    done             INTEGER NOT NULL DEFAULT 0,
    total            INTEGER NOT NULL DEFAULT 0,
    summary          TEXT NOT NULL DEFAULT '',
    error            TEXT NOT NULL DEFAULT '',
    owner            TEXT NOT NULL,
    started_by       TEXT NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP
);
CREATE UNIQUE INDEX risk_recompute_jobs_running ON risk_recompute_jobs(state) WHERE state = 'running';
