-- Journal (日志): the transactional outbox. A capability appends an entry in the transaction
-- that writes its rows; the dispatcher records per subscriber what it has delivered (see the
-- package doc of internal/journal for why the cursor is a commit horizon, not a last id).
-- AUTOINCREMENT: entry ids are never reused, so no entry can appear below max(id) + 1.
CREATE TABLE journal_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    txid        INTEGER GENERATED ALWAYS AS (id) VIRTUAL,
    topic       TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX journal_entries_txid ON journal_entries(txid);

-- Per subscriber: every entry whose txid is below mark has a delivery row or does not match.
CREATE TABLE journal_cursors (
    subscriber  TEXT PRIMARY KEY,
    mark        INTEGER NOT NULL DEFAULT 0,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE journal_deliveries (
    subscriber       TEXT NOT NULL,
    entry_id         INTEGER NOT NULL REFERENCES journal_entries(id),
    status           TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    next_attempt_at  TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (subscriber, entry_id)
);
CREATE INDEX journal_deliveries_status ON journal_deliveries(subscriber, status, entry_id);
