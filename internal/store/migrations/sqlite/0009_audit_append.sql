-- An audit entry is appended by one statement (internal/audit, Record) instead of three:
--
--   INSERT INTO audit_log (…) SELECT seq, …, prev_hash, audit_hash(…, seq, …, prev_hash)
--   FROM audit_next
--
-- audit_next is the place of the next entry; on PostgreSQL the view also locks the head,
-- here the single writer serialises appends. audit_hash is a Go function that internal/audit
-- registers with the driver: it exists only in the connections of the program.
CREATE VIEW audit_next AS
    SELECT seq + 1 AS seq, hash AS prev_hash FROM audit_head WHERE id = 1;

-- The head follows every insert, so that an append needs no statement of its own for it.
-- An entry that does not continue the chain at the head fails loudly, as an UPDATE or DELETE
-- of the log does: changes() counts the rows of the UPDATE just before it.
CREATE TRIGGER audit_log_move_head AFTER INSERT ON audit_log
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash
        WHERE id = 1 AND seq = NEW.seq - 1 AND hash = NEW.prev_hash;
    SELECT RAISE(ABORT, 'audit_log entry does not follow the head') WHERE changes() = 0;
END;
