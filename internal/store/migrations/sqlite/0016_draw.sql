-- Double-random draws (双随机、一公开, issue 5): the one list and two directories (一单两库)
-- and the draw tasks with their published results. See internal/draw.

-- 抽查事项清单: the inspection items of an org unit, with ratio and frequency.
CREATE TABLE draw_items (
    id             INTEGER PRIMARY KEY,
    org_unit_id    INTEGER NOT NULL REFERENCES org_units(id),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    basis          TEXT NOT NULL,
    ratio_percent  REAL NOT NULL CHECK (ratio_percent BETWEEN 0 AND 100),
    frequency      TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (org_unit_id, code)
);

-- 检查对象名录库: the registry's open businesses; a business's credit-risk class for the
-- draw is kept here (class B, general risk, until one is set).
CREATE TABLE draw_credit_classes (
    business_id   INTEGER PRIMARY KEY REFERENCES businesses(id),
    credit_class  TEXT NOT NULL CHECK (credit_class IN ('A','B','C','D')),
    updated_at    TIMESTAMP NOT NULL
);

-- 执法检查人员名录库: enforcement staff admitted to draws, and their declared conflicts of
-- interest (回避).
CREATE TABLE draw_inspectors (
    person_id   INTEGER PRIMARY KEY REFERENCES people(id),
    admitted_at TIMESTAMP NOT NULL
);
CREATE TABLE draw_conflicts (
    person_id    INTEGER NOT NULL REFERENCES people(id),
    business_id  INTEGER NOT NULL REFERENCES businesses(id),
    reason       TEXT NOT NULL,
    declared_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, business_id)
);

-- A draw task: inputs frozen and committed at creation (inputs is the canonical JSON whose
-- SHA-256 encoding is input_digest), drawn later with a public beacon, then published by
-- publish_due (working days, rule draw.publish_deadline_working_days). seed stays secret
-- until drawn_at; the bundle is only served after.
CREATE TABLE draw_tasks (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    org_unit_id   INTEGER NOT NULL REFERENCES org_units(id),
    status        TEXT NOT NULL CHECK (status IN ('committed','drawn','published')),
    inputs        TEXT NOT NULL,
    input_digest  TEXT NOT NULL,
    seed_sha256   TEXT NOT NULL,
    seed          TEXT NOT NULL,
    committed_at  TIMESTAMP NOT NULL,
    beacon        TEXT NOT NULL DEFAULT '',
    drawn_at      TIMESTAMP,
    result        TEXT,
    publish_due   DATE,
    published_at  TIMESTAMP
);
CREATE INDEX draw_tasks_org ON draw_tasks(org_unit_id, id);
CREATE INDEX draw_tasks_due ON draw_tasks(publish_due) WHERE status = 'drawn';

-- The result: drawn businesses in draw order and their inspectors in seat order.
CREATE TABLE draw_assignments (
    task_id      INTEGER NOT NULL REFERENCES draw_tasks(id),
    seq          INTEGER NOT NULL,
    business_id  INTEGER NOT NULL REFERENCES businesses(id),
    PRIMARY KEY (task_id, seq)
);
CREATE INDEX draw_assignments_business ON draw_assignments(business_id, task_id);
CREATE TABLE draw_assignment_inspectors (
    task_id    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    seat       INTEGER NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (task_id, seq, seat),
    FOREIGN KEY (task_id, seq) REFERENCES draw_assignments(task_id, seq)
);
CREATE INDEX draw_assignment_inspectors_person ON draw_assignment_inspectors(person_id, task_id);
