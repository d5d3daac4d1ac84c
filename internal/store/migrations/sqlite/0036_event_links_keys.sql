-- The trace index is rebuilt at start from the links of every event and the keys of the
-- stored events (internal/trace/graph_load.go), now read together in one walk in row
-- order, so the covering index that walk reads holds the key too, and the index of keys
-- alone (0034) goes: capture writes one index entry fewer per event. The keys of the events
-- stored since a row (catchUp) are read from the same index.
DROP INDEX epcis_events_links;
DROP INDEX epcis_events_keys;
CREATE INDEX epcis_events_links ON epcis_events(id, event_key, declaration, declared_ms, links);
