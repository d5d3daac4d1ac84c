// Package seal makes records final (定稿). Once an inspection record is signed, a result
// published or a decision dispatched, nobody may change or delete it: the 409 says what made it
// final, when and by whom. A mistake is fixed by a correction, a new record of the same type
// that names the old one; both stay visible, so what was signed can always be shown as signed.
//
// A seal is a row in seals keyed by (object type, object id as text), not a column of the
// capability's table, so that one mechanism serves every table and the facts of the seal (kind,
// time, login, note) live in one place. corrections links a new record to the sealed one it
// corrects; its foreign key to seals keeps "only a sealed record is corrected" true in the
// database. Both tables are append-only (triggers), so a seal cannot be lifted.
//
// Two layers refuse a write to a sealed record:
//
//   - The application check. A capability calls CheckWritable in the transaction that
//     updates or deletes the record, before the write, and returns its error: a Conflict with
//     the message key "seal.sealed.<kind>" and params kind, at, by, type and id, which web.Fail
//     turns into a 409 with a sentence in the caller's language.
//   - The database guard. GuardTable returns triggers (SQLite: BEFORE UPDATE and BEFORE DELETE
//     with WHEN EXISTS on seals; PostgreSQL: one trigger per table calling the shared function
//     seal_guard of migration 0008) that abort any update or delete of a sealed row, so a
//     forgotten check, a bulk statement or a hand-written UPDATE cannot get through. A
//     capability applies them where it creates its table. IsSealedViolation recognises the
//     refusal (SQLSTATE SJ409 on PostgreSQL, the message "sealed record" on SQLite) and
//     Normalize turns it into a Conflict with the key "seal.refused".
//
// Sealing belongs in the transaction that makes the record's last write (setting its status,
// signature or document number): do that write, then Seal, because from the Seal on the
// guard refuses writes in the same transaction too. On PostgreSQL that last write holds the
// row lock until commit, so a concurrent update waits and is then refused by the guard even
// if its own CheckWritable ran before the seal existed; on SQLite writers are serialised.
// A table whose sealed records must still take some writes (a read receipt, say) keeps those
// in another table: the guard refuses every update of a sealed row.
//
// The type name passed to GuardTable must be the Object.Type used in the Go calls, and the id
// column must print as Object.ID does (ObjectOf formats integer ids).
package seal
