-- Enforcement (执法, issue 6 items 6–7): rectifications (整改) ordered when a signed
-- inspection fails general items only, and cases (立案查处) opened when it fails a key item,
-- each step of a case with who approved it and its deadline. See internal/enforce.

-- Rectifications. One per signed inspection (inspection_uuid); a correction of that
-- inspection replaces it (status 'replaced', replaced_by). items is the JSON list of failed
-- general item codes; due_on the last working day to correct, counted under rule_ref.
-- escalated_at is set when the rectification went overdue or failed its re-inspection and
-- was escalated to the station's head.
CREATE TABLE rectifications (
    id               INTEGER PRIMARY KEY,
    inspection_uuid  TEXT NOT NULL UNIQUE,
    corrects         TEXT NOT NULL DEFAULT '',
    business_id      INTEGER NOT NULL REFERENCES businesses(id),
    district_id      INTEGER NOT NULL REFERENCES org_units(id),
    station_id       INTEGER NOT NULL REFERENCES org_units(id),
    items            TEXT NOT NULL,
    ordered_on       DATE NOT NULL,
    due_on           DATE NOT NULL,
    rule_ref         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open','escalated','closed','replaced')),
    escalated_at     TIMESTAMP,
    closed_on        DATE,
    replaced_by      TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX rectifications_station ON rectifications(station_id, status, due_on);
CREATE INDEX rectifications_district ON rectifications(district_id, status, due_on);
CREATE INDEX rectifications_business ON rectifications(business_id);
CREATE INDEX rectifications_corrects ON rectifications(corrects) WHERE corrects <> '';

-- Re-inspections (复查) of a rectification: passed closes it; failed sets a new deadline
-- (new_due_on) or escalates it.
CREATE TABLE rectification_rechecks (
    id                 INTEGER PRIMARY KEY,
    rectification_id   INTEGER NOT NULL REFERENCES rectifications(id),
    checked_on         DATE NOT NULL,
    passed             INTEGER NOT NULL CHECK (passed IN (0,1)),
    note               TEXT NOT NULL DEFAULT '',
    new_due_on         DATE,
    recorded_by        TEXT NOT NULL,
    recorded_at        TIMESTAMP NOT NULL
);
CREATE INDEX rectification_rechecks_of ON rectification_rechecks(rectification_id, id);

-- Cases. step is the current step of the lifecycle (案件来源登记 → 立案审批 → 调查取证 →
-- 处罚告知 → 听证 → 处罚决定 → 执行 → 结案) or a terminal one ('not_filed', 'transferred');
-- step_due the deadline of what comes next where the law sets one. A case opened from a
-- signed inspection is unique per inspection_uuid. The decision's facts are copied here for
-- lists; the sealed record of them is the 'decided' row of case_steps.
CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    inspection_uuid    TEXT NOT NULL DEFAULT '',
    corrects           TEXT NOT NULL DEFAULT '',
    business_id        INTEGER NOT NULL REFERENCES businesses(id),
    district_id        INTEGER NOT NULL REFERENCES org_units(id),
    station_id         INTEGER NOT NULL REFERENCES org_units(id),
    findings           TEXT NOT NULL,
    step               TEXT NOT NULL CHECK (step IN ('registered','filed','investigated','notified','heard',
                           'decided','executed','closed','not_filed','transferred')),
    step_due           DATE,
    hearing_requested  INTEGER NOT NULL DEFAULT 0 CHECK (hearing_requested IN (0,1)),
    document_number    TEXT NOT NULL DEFAULT '',
    fine_yuan          REAL NOT NULL DEFAULT 0 CHECK (fine_yuan >= 0),
    confiscated_yuan   REAL NOT NULL DEFAULT 0 CHECK (confiscated_yuan >= 0),
    paid_yuan          REAL NOT NULL DEFAULT 0 CHECK (paid_yuan >= 0),
    registered_on      DATE NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX cases_inspection ON cases(inspection_uuid) WHERE inspection_uuid <> '';
CREATE UNIQUE INDEX cases_document ON cases(document_number) WHERE document_number <> '';
CREATE INDEX cases_station ON cases(station_id, step);
CREATE INDEX cases_district ON cases(district_id, step);
CREATE INDEX cases_business ON cases(business_id);

-- The steps a case went through, in order: who recorded and who approved each, when, the
-- deadline it was due by, and the step's own facts (JSON). Rows are only ever added; the
-- decision ('decided') is sealed (type 'enforce_decision'), as the guards below enforce.
CREATE TABLE case_steps (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    step         TEXT NOT NULL,
    done_on      DATE NOT NULL,
    due_on       DATE,
    approved_by  TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    facts        TEXT NOT NULL DEFAULT '{}',
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    UNIQUE (case_id, step)
);

CREATE TRIGGER IF NOT EXISTS case_steps_sealed_update BEFORE UPDATE ON case_steps
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'enforce_decision' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS case_steps_sealed_delete BEFORE DELETE ON case_steps
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'enforce_decision' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
