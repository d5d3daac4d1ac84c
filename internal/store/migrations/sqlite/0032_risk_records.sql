-- The record of each business packed in one row (issue 5: recompute a million businesses in
-- seconds; internal/risk/record_pack.go). A recompute grades every business from its whole
-- record, about ten rows of risk_events each, and reading those rows one by one was most of
-- its time. events is a copy of them in a compact binary form, rewritten from risk_events in
-- the transaction of every write of a business's events; a business without events has no
-- row. risk_events stays the record itself: imports, repeats and the plan read it.
--
-- No foreign key to businesses: a row is written only for a business whose events, which
-- have one, were just written; and seeding a city writes a million.
CREATE TABLE risk_records (
    business_id  INTEGER PRIMARY KEY,
    events       BLOB NOT NULL
);
-- step: risk.pack_records converts risk_events
