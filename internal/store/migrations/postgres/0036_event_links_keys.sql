-- The trace index is rebuilt at start from the links and keys of every event, read together
-- in one walk of the table in row order (internal/trace/graph_load.go), and capture files
-- the keys of the events it commits as it commits them (internal/trace/event_keys.go). The
-- index of keys alone (0034) served a second walk, which read every row's page again: an
-- index-only scan needs a vacuum first, and this one took minutes at ten million events.
-- The keys of the few events stored since a row are read along the primary key.
DROP INDEX epcis_events_keys;
