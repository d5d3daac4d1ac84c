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
    sealed_at    TIMESTAMPTZ NOT NULL,
    sealed_by    TEXT NOT NULL CHECK (sealed_by <> ''),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (object_type, object_id)
);

CREATE TABLE corrections (
    object_type  TEXT NOT NULL,
    old_id       TEXT NOT NULL,
    new_id       TEXT NOT NULL CHECK (new_id <> '' AND new_id <> old_id),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT NOT NULL CHECK (created_by <> ''),
    FOREIGN KEY (object_type, old_id) REFERENCES seals(object_type, object_id)
);
CREATE UNIQUE INDEX corrections_new ON corrections(object_type, new_id);
CREATE INDEX corrections_old ON corrections(object_type, old_id);

CREATE FUNCTION seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER seals_no_change BEFORE UPDATE OR DELETE ON seals
    FOR EACH ROW EXECUTE FUNCTION seals_append_only();
CREATE TRIGGER corrections_no_change BEFORE UPDATE OR DELETE ON corrections
    FOR EACH ROW EXECUTE FUNCTION seals_append_only();

-- seal_guard refuses to change or remove a sealed row of the table it is attached to
-- (seal.GuardTable writes the per-table triggers). Arguments: the object type the table's rows
-- are sealed under, and the name of its id column. The row is read through to_jsonb so that
-- one function serves every table whatever its id column is called; the id compares as text,
-- as seals stores it. SQLSTATE SJ409 lets seal.IsSealedViolation recognise the refusal
-- without parsing the message.
CREATE FUNCTION seal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s seals%ROWTYPE;
BEGIN
    SELECT * INTO s FROM seals
     WHERE object_type = TG_ARGV[0] AND object_id = to_jsonb(OLD) ->> TG_ARGV[1];
    IF FOUND THEN
        RAISE EXCEPTION 'sealed record'
            USING ERRCODE = 'SJ409',
                  DETAIL = format('%s %s was %s at %s by %s', s.object_type, s.object_id, s.kind, s.sealed_at, s.sealed_by);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
