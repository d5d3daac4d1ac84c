-- An audit entry is appended by one statement (internal/audit, Record) instead of three:
--
--   INSERT INTO audit_log (…) SELECT seq, …, prev_hash, audit_hash(…, seq, …, prev_hash)
--   FROM audit_next
--
-- audit_next is the place of the next entry. Its FOR UPDATE locks the head row until the
-- appending transaction ends, which serialises appends as the UPDATE of 0005 did; a writer
-- that waited for the lock reads the head its predecessor committed. The view carries the
-- lock so that the statement is the same SQL on both engines (SQLite has one writer).
CREATE VIEW audit_next AS
    SELECT seq + 1 AS seq, hash AS prev_hash FROM audit_head WHERE id = 1 FOR UPDATE;

-- The entry's hash, by the encoding in the package doc of internal/audit: the application
-- encodes the columns it knows into the bytes before and after the seq, the database adds
-- the seq and text(prev_hash), which only it knows under the lock. SQLite has a Go function
-- of the same name and result. LANGUAGE sql without STRICT so that the planner inlines it.
CREATE FUNCTION audit_hash(before_seq bytea, seq bigint, after_seq bytea, prev_hash text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(before_seq || int8send(seq) || after_seq
        || int4send(octet_length(prev_hash)) || convert_to(prev_hash, 'UTF8')), 'hex')
$$;

-- The head follows every insert, so that an append needs no statement of its own for it.
-- An entry that does not continue the chain at the head fails loudly, as an UPDATE or DELETE
-- of the log does.
CREATE FUNCTION audit_log_move_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash
        WHERE id = 1 AND seq = NEW.seq - 1 AND hash = NEW.prev_hash;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_log entry % does not follow the head', NEW.seq;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_move_head AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_move_head();
