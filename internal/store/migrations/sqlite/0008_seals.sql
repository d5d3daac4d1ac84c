-- Seals (定稿): a signed, published or dispatched record is final (internal/seal). One row per
-- sealed record, named by its type and id as text, so that any capability's table can be
-- sealed without a column of its own. A correction is a new record of the same type that
-- names the sealed one it corrects; the foreign key keeps "only a sealed record is corrected"
-- true even if a caller forgets to check. Both tables are append-only: a seal that could be
-- lifted would not make anything final.
CREATE TABLE seals (
    object_type  TEXT NOT NULL CHECK (object_type <> ''),
    object_id    TEXT NOT NULL CHECK (object_id <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('signed', 'published', 'dispatched')),
    sealed_at    TIMESTAMP NOT NULL,
    sealed_by    TEXT NOT NULL CHECK (sealed_by <> ''),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (object_type, object_id)
);

CREATE TABLE corrections (
    object_type  TEXT NOT NULL,
    old_id       TEXT NOT NULL,
    new_id       TEXT NOT NULL CHECK (new_id <> '' AND new_id <> old_id),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT NOT NULL CHECK (created_by <> ''),
    FOREIGN KEY (object_type, old_id) REFERENCES seals(object_type, object_id)
);
CREATE UNIQUE INDEX corrections_new ON corrections(object_type, new_id);
CREATE INDEX corrections_old ON corrections(object_type, old_id);

CREATE TRIGGER seals_no_update BEFORE UPDATE ON seals
BEGIN
    SELECT RAISE(ABORT, 'seals is append-only');
END;
CREATE TRIGGER seals_no_delete BEFORE DELETE ON seals
BEGIN
    SELECT RAISE(ABORT, 'seals is append-only');
END;
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections is append-only');
END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections is append-only');
END;
