-- The common pages of GET /epcis/events read from an index in the order they answer in,
-- instead of scanning every event (issue 4): the events of a business step, of a business
-- location, and all events by recordTime (orderBy=recordTime, newest first by default).
-- Each index is one more entry per captured event, so there are only these three; SQLite
-- appends the row id to every index entry, which gives the (value, id) order of a page.
-- Business locations are partial: many events (the shipping side of a ticket) have none.
CREATE INDEX epcis_events_biz_step ON epcis_events(biz_step) WHERE biz_step IS NOT NULL;
CREATE INDEX epcis_events_biz_location ON epcis_events(biz_location) WHERE biz_location IS NOT NULL;
CREATE INDEX epcis_events_record ON epcis_events(record_ms);
