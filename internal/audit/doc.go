// Package audit is the tamper-evident, append-only audit log (审计日志). A capability calls
// Record in the transaction that makes a change, so that the change and its entry commit or
// roll back together; events without a write of their own (a failed login, a read of
// personal data) use RecordOwnTx. Who acted comes from the context (WithActor), set once per
// request by the access layer; without one the entry names "system".
//
// # The chain
//
// Entries are numbered by seq, contiguous from 1. Each stores prev_hash, the hash of the
// entry before it (64 zeros, the genesis hash, for entry 1), and hash, computed when it is
// written as the lowercase hex of
//
//	SHA-256( "shejian.audit.v1\n"
//	         || u64(seq) || u64(at_us)
//	         || 0x00                      when actor_id is NULL
//	            0x01 || u64(actor_id)     otherwise
//	         || text(actor_login) || text(actor_role) || text(ip)
//	         || text(action) || text(object_type) || text(object_id)
//	         || text(before) || text(after) || text(prev_hash) )
//
// where u64 is 8 bytes big-endian (two's complement), text(s) is u32(len(s)) big-endian
// followed by the bytes of s (UTF-8; before and after are the stored JSON text or empty),
// and prev_hash is its stored 64-character hex text. The length prefixes make the encoding
// unambiguous: no two different rows share a message. The one-row table audit_head holds the
// last seq and hash.
//
// # Appending
//
// An append is one statement. Record encodes every field it knows in Go, as the bytes before
// the seq and those between the seq and text(prev_hash); the SQL function audit_hash (SQL on
// PostgreSQL, a Go function registered with the SQLite driver) puts the message together
// with the seq and prev_hash, which only the database knows under the lock, and hashes it,
// so the hash is the one above, byte for byte.
//
// On PostgreSQL (migration 0030) the statement is an UPDATE of the head inside a WITH clause
// followed by the INSERT of the entry: the UPDATE's row lock serialises appends until the
// transaction ends. That relies on READ COMMITTED, the isolation of the store's
// transactions: a writer that waited for the lock re-evaluates its SET on the head its
// predecessor committed, where under REPEATABLE READ it would fail with a serialization
// error instead. SQLite allows no UPDATE in a WITH clause and needs no lock, since its single
// writer serialises appends: there the INSERT takes the seq and prev_hash from the view
// audit_next and an AFTER INSERT trigger moves the head, refusing an entry that does not
// continue the chain at the head (migration 0009).
//
// # Verifying
//
// Verify reads the head and then every entry in seq order inside one read-only snapshot and
// recomputes each hash. The first failure is reported:
//
//   - removed: a seq is missing (a gap, or fewer entries than the head counts);
//   - changed: a row's columns no longer give its hash;
//   - reordered: a row's hash is right for another seq (it was moved), or its prev_hash is
//     not the hash of the entry before it (the chain was cut and rejoined);
//   - head_mismatch: the last entry's hash is not the head's, or entries lie past the head.
//
// Verify splits the chain into up to four ranges of seq (one per CPU, at least 200,000
// entries each) and streams each with one query; per range, one goroutine scans rows into
// reused batches while another hashes them, so the package allocates nothing per row. A row
// whose hash fails is tried at every other seq up to the head, to tell a moved row from a
// changed one; that search runs only on a broken chain.
//
// # Limits
//
// The chain proves that the log was not altered after the fact by someone who cannot also
// recompute every later hash and the head. A database administrator who rewrites the whole
// tail and the head consistently is caught only by comparing audit_head with a copy kept
// elsewhere (printed, or sent to another system). The triggers of the migration make the
// table append-only for the application; they stop mistakes, not an administrator.
package audit
