-- The common pages of GET /epcis/events read from an index in the order they answer in,
-- instead of scanning every event (issue 4): the events of a business step, of a business
-- location, and all events by recordTime (orderBy=recordTime, newest first by default).
-- Each index is one more entry per captured event, so there are only these three; the id
-- after the value is the tie-break of a page's order (ORDER BY value, id).
-- Business locations are partial: many events (the shipping side of a ticket) have none.
CREATE INDEX epcis_events_biz_step ON epcis_events(biz_step, id) WHERE biz_step IS NOT NULL;
CREATE INDEX epcis_events_biz_location ON epcis_events(biz_location, id) WHERE biz_location IS NOT NULL;
CREATE INDEX epcis_events_record ON epcis_events(record_ms, id);
