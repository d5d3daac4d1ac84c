-- Risk grading (风险分级, issue 5): the static factors the bureau records for a business, the
-- record events grading counts (imported history now, facts from the journal later) and
-- every grade computed, with the scheme and the rule versions it was judged under and the
-- explanation of every point.

-- Static risk factors (静态风险因素) of a business as JSON (risk.StaticFactors). They are
-- facts recorded for grading, not registry attributes; a business without a row is graded
-- from what the registry knows of it.
CREATE TABLE risk_static_factors (
    business_id  INTEGER PRIMARY KEY REFERENCES businesses(id),
    factors      TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

-- Record events (监管记录) that grading counts: inspections with their result, sampling
-- failures, penalties, complaints, the adjustment triggers and listings (until_at ends a
-- listing). full_checklist is 1 for an inspection that covered every checklist item.
-- source says where the fact came from ("import:<file>").
CREATE TABLE risk_events (
    id              INTEGER PRIMARY KEY,
    business_id     INTEGER NOT NULL REFERENCES businesses(id),
    kind            TEXT NOT NULL CHECK (kind IN ('inspection','sampling_failure','penalty','complaint',
                        'intentional_violation','incident','recall_failure','obstruction',
                        'serious_dishonesty','abnormal_operation')),
    occurred_at     TIMESTAMP NOT NULL,
    until_at        TIMESTAMP,
    result          TEXT NOT NULL DEFAULT '' CHECK (result IN ('','compliant','basic','non_compliant')),
    full_checklist  INTEGER NOT NULL DEFAULT 0 CHECK (full_checklist IN (0,1)),
    source          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX risk_events_business ON risk_events(business_id, occurred_at);

-- Grades (风险等级): every grading is kept, the newest of a business is in force. rule_refs
-- lists the rule versions applied ("risk-2016/v1 risk-static/v1/override-3 …"); explanation
-- is the JSON of every point, the adjustments and the plan (risk.Result). graded_on is the
-- day graded for.
CREATE TABLE risk_grades (
    id                  INTEGER PRIMARY KEY,
    business_id         INTEGER NOT NULL REFERENCES businesses(id),
    scheme              TEXT NOT NULL,
    rule_refs           TEXT NOT NULL,
    static_points       REAL NOT NULL,
    dynamic_points      REAL NOT NULL,
    credit_points       REAL NOT NULL,
    total_points        REAL NOT NULL,
    scored_grade        TEXT NOT NULL CHECK (scored_grade IN ('A','B','C','D')),
    grade               TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
    min_inspections     REAL NOT NULL,
    max_inspections     REAL NOT NULL,
    full_checklist_due  TIMESTAMP,
    priority            INTEGER NOT NULL CHECK (priority IN (0,1)),
    explanation         TEXT NOT NULL,
    graded_on           TIMESTAMP NOT NULL,
    computed_at         TIMESTAMP NOT NULL
);
CREATE INDEX risk_grades_business ON risk_grades(business_id, id);
