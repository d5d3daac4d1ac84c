-- Every event row carries its links: what the trace index keeps of the event (time, type,
-- action, step, place, transformation, objects with quantities, business transactions,
-- sources and destinations) as one compact record with URIs as epcis_uris ids, so that the
-- index is rebuilt at start from one column read in row order (see internal/trace/links.go).
-- Events stored before this migration get theirs from their object and value rows.
ALTER TABLE epcis_events ADD COLUMN links BYTEA;
-- step: trace.links converts epcis_events
