-- Rules (规则参数): per-city overrides of the embedded rule defaults (internal/rules).
-- Append-only: an override is never edited or deleted; a new row supersedes the previous one
-- of the same definition (rule key in one set version), and the two partial unique indexes
-- keep each definition's history a single line. Ids are never reused (AUTOINCREMENT) because
-- records keep them in the rule reference they were judged under ("deadlines/v1/override-12").
CREATE TABLE rule_overrides (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_key       TEXT NOT NULL,
    set_name       TEXT NOT NULL,
    set_version    INTEGER NOT NULL,
    old_value      TEXT NOT NULL,
    value          TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (reason <> ''),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    user_login     TEXT NOT NULL DEFAULT '',
    user_name      TEXT NOT NULL DEFAULT '',
    user_role      TEXT NOT NULL,
    supersedes_id  INTEGER REFERENCES rule_overrides(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX rule_overrides_key ON rule_overrides(rule_key, id);
CREATE UNIQUE INDEX rule_overrides_first ON rule_overrides(rule_key, set_name, set_version)
    WHERE supersedes_id IS NULL;
CREATE UNIQUE INDEX rule_overrides_next ON rule_overrides(supersedes_id)
    WHERE supersedes_id IS NOT NULL;

CREATE TRIGGER rule_overrides_no_update BEFORE UPDATE ON rule_overrides
BEGIN
    SELECT RAISE(ABORT, 'rule_overrides is append-only');
END;
CREATE TRIGGER rule_overrides_no_delete BEFORE DELETE ON rule_overrides
BEGIN
    SELECT RAISE(ABORT, 'rule_overrides is append-only');
END;
