-- Mobile enforcement (移动执法, issue 6), first part: checklist templates (监督检查要点表).
-- A template version holds the items of one sector (and region) grouped in the content areas
-- of Order 49 arts. 15–20, and the result rule it is judged under. A published version is
-- sealed (internal/seal, type "inspect_template"): the guards below refuse any update or
-- delete of it or of its items, so a change is always a new version. See internal/inspect.

-- One version of a checklist template. region is '' for the national default, else the
-- province (or city) the table belongs to. is_default marks the shipped defaults the city
-- adjusts; placeholder marks a stand-in for a provincial table not yet entered.
-- max_general_failures and max_key_failures are the result rule: more key failures than
-- max_key_failures, or more general failures than max_general_failures, is 不符合; any
-- failure within both is 基本符合. rule_source says where the thresholds came from.
CREATE TABLE inspect_templates (
    id                    INTEGER PRIMARY KEY,
    sector                TEXT NOT NULL,
    region                TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL CHECK (version > 0),
    status                TEXT NOT NULL CHECK (status IN ('draft','published')),
    title                 TEXT NOT NULL,
    title_en              TEXT NOT NULL DEFAULT '',
    basis                 TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT '',
    is_default            INTEGER NOT NULL DEFAULT 0,
    placeholder           INTEGER NOT NULL DEFAULT 0,
    max_general_failures  INTEGER NOT NULL CHECK (max_general_failures >= 0),
    max_key_failures      INTEGER NOT NULL DEFAULT 0 CHECK (max_key_failures >= 0),
    rule_source           TEXT NOT NULL DEFAULT '',
    based_on              INTEGER REFERENCES inspect_templates(id),
    created_at            TIMESTAMP NOT NULL,
    created_by            TEXT NOT NULL,
    published_at          TIMESTAMP,
    published_by          TEXT NOT NULL DEFAULT '',
    UNIQUE (sector, region, version)
);

-- The items of a version in display order (seq). is_key marks 重点项目 (* in the 2016
-- tables); points is set where a province scores the table; allow_na lets an inspector
-- answer 不适用; confidence tags the item's text as the reference notes do.
CREATE TABLE inspect_template_items (
    template_id  INTEGER NOT NULL REFERENCES inspect_templates(id),
    seq          INTEGER NOT NULL,
    code         TEXT NOT NULL,
    area         TEXT NOT NULL,
    text         TEXT NOT NULL,
    text_en      TEXT NOT NULL DEFAULT '',
    is_key       INTEGER NOT NULL DEFAULT 0,
    points       REAL,
    legal_basis  TEXT NOT NULL DEFAULT '',
    allow_na     INTEGER NOT NULL DEFAULT 1,
    confidence   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, code),
    UNIQUE (template_id, seq)
);

-- Guards of sealed (published) versions, as seal.GuardTable writes them.
CREATE TRIGGER IF NOT EXISTS inspect_templates_sealed_update BEFORE UPDATE ON inspect_templates
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspect_template' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspect_templates_sealed_delete BEFORE DELETE ON inspect_templates
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspect_template' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspect_template_items_sealed_update BEFORE UPDATE ON inspect_template_items
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspect_template' AND object_id = CAST(OLD.template_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspect_template_items_sealed_delete BEFORE DELETE ON inspect_template_items
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspect_template' AND object_id = CAST(OLD.template_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
