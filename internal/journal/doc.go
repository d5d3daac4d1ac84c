// Package journal is the transactional outbox (日志): a capability records a fact by calling
// Append in the transaction that writes its own rows, and a Dispatcher hands every entry at
// least once to each subscriber whose topics match, in a transaction that also records the
// delivery, so a subscriber's writes and its "delivered" mark commit together.
//
// Delivery state lives in the database, per subscriber:
//
//   - journal_deliveries holds one row per (subscriber, entry) once the entry has been taken
//     up for that subscriber: pending (attempts, last error, next attempt time), delivered,
//     or failed (parked after MaxAttempts, listed by Failed, re-queued by Retry).
//   - journal_cursors holds a low-water mark per subscriber: every entry whose txid is below
//     the mark has a delivery row or does not match the subscriber's topics. Matching entries
//     at or above the mark without a row are new; the dispatcher copies them into pending
//     rows ("fan-out") and then advances the mark.
//
// A "last delivered id" cursor is wrong on PostgreSQL: ids are taken when a transaction
// inserts, not when it commits, so entry 7 can commit after entry 8 was delivered and a
// cursor at 8 would skip it forever. The mark therefore never comes from the ids seen but
// from the commit horizon, a value below which no new entry can still appear. On PostgreSQL
// each entry carries the id of the transaction that wrote it (txid) and the horizon is the
// xmin of a snapshot: every transaction below it has ended, so its entries are visible, and a
// transaction still running has a txid at or above it, whatever entry ids it holds. On SQLite
// txid is the entry id: one writer and AUTOINCREMENT ids mean no entry appears below
// max(id)+1. Fan-out reads the horizon before it reads entries and moves the mark to
// min(horizon, lowest txid of a matching entry still without a row), so an entry that commits
// late lies at or above the mark and is still picked up. Delivered rows below the mark are
// pruned; pending and failed rows stay until resolved. A new subscriber starts at mark 0 and
// receives the whole journal; widening a subscriber's topics does not replay entries below
// its mark (subscribe under a new name to replay).
package journal
