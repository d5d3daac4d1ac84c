-- Audit log (审计日志): every write and every read of personal data, appended in the
-- transaction of the change it records. Entries form a hash chain (see the package doc of
-- internal/audit for the exact encoding): hash covers every column of the row and prev_hash,
-- the hash of the entry before. seq is contiguous from 1, so a removed row leaves a gap; it
-- is taken from audit_head, not from a sequence, because a sequence leaves gaps on rollback.
-- at_us is unix microseconds, an integer the hash can be recomputed from exactly. actor_id
-- is no foreign key: deleting a user must not touch the log.
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    at_us        BIGINT NOT NULL,
    actor_id     BIGINT,
    actor_login  TEXT NOT NULL,
    actor_role   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL DEFAULT '',
    before       TEXT NOT NULL DEFAULT '',
    after        TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
-- Browsing, newest first: seq closes each index so that a filtered page is read in order.
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_login, seq);
CREATE INDEX audit_log_at ON audit_log(at_us);

-- Append-only for the application: a mistaken UPDATE, DELETE or TRUNCATE fails loudly.
-- A superuser can drop or bypass the trigger; the hash chain is what catches that.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The chain's head: the last seq and its hash. Every append first runs
-- UPDATE audit_head SET seq = seq + 1 … RETURNING, whose row lock serialises appends until
-- the appending transaction ends; Verify compares the chain's end with it. The genesis hash,
-- prev_hash of entry 1, is 64 zeros.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
