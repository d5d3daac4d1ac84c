-- An audit entry is appended by one statement that moves the head first (internal/audit,
-- Record):
--
--   WITH head AS (UPDATE audit_head SET prev_hash = hash, seq = seq + 1,
--                     hash = audit_hash(…, seq + 1, …, hash) WHERE id = 1
--                 RETURNING seq, prev_hash, hash)
--   INSERT INTO audit_log (…) SELECT seq, …, prev_hash, hash FROM head
--
-- It replaces 0009's view and trigger, which cost the head two writes per entry (the row
-- lock of FOR UPDATE, then the trigger's UPDATE) and a PL/pgSQL call. The UPDATE's own row
-- lock serialises appends until the transaction ends; a writer that waited for it
-- re-evaluates the SET on the row its predecessor committed (READ COMMITTED), so it
-- continues the chain from there. RETURNING shows only new values, so the head keeps the
-- hash it had before the append in prev_hash for the entry to copy.
--
-- A row inserted into audit_log by hand no longer fails at once; it is caught by the next
-- append, which takes the same seq and fails on the primary key, and by Verify, which
-- reports entries past the head.
DROP TRIGGER audit_log_move_head ON audit_log;
DROP FUNCTION audit_log_move_head();
DROP VIEW audit_next;
ALTER TABLE audit_head ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
