-- Capture keeps the rows of the stored events by eventID in memory (internal/trace/
-- event_keys.go) instead of looking event_key up in an index: every new event put an
-- entry at a random place of epcis_events_key, one more page written per event, the
-- largest single share of capture's writes at ten million events (issue 4). The process
-- reads the keys in row order from epcis_events_keys, which grows at its end only.
-- Queries still look up error declarations and the events they declare by event_key in
-- their SQL: both carry declared_ms, and a partial index keeps those rows, which are few.
-- Its condition is the one queries repeat to use it.
DROP INDEX epcis_events_key;
CREATE INDEX epcis_events_keys ON epcis_events(id, event_key);
CREATE INDEX epcis_events_declared ON epcis_events(event_key) WHERE declaration OR declared_ms IS NOT NULL;
