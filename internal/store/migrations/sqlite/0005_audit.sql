-- Audit log (审计日志): every write and every read of personal data, appended in the
-- transaction of the change it records. Entries form a hash chain (see the package doc of
-- internal/audit for the exact encoding): hash covers every column of the row and prev_hash,
-- the hash of the entry before. seq is contiguous from 1, so a removed row leaves a gap.
-- seq is INTEGER PRIMARY KEY, SQLite's rowid (64-bit), so that Verify walks the table in
-- order without an index. at_us is unix microseconds, an integer the hash can be recomputed
-- from exactly. actor_id is no foreign key: deleting a user must not touch the log.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at_us        INTEGER NOT NULL,
    actor_id     INTEGER,
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
-- Browsing, newest first: each index ends in the rowid (seq) implicitly.
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_actor ON audit_log(actor_login);
CREATE INDEX audit_log_at ON audit_log(at_us);

-- Append-only for the application: a mistaken UPDATE or DELETE fails loudly. Anyone with
-- the database file can drop these triggers; the hash chain is what catches that.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The chain's head: the last seq and its hash. Every append updates this one row first,
-- which serialises appends (SQLite has one writer anyway) and lets Verify notice a removed
-- tail. The genesis hash, prev_hash of entry 1, is 64 zeros.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
