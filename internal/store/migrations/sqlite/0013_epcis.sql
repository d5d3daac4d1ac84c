-- EPCIS capture (追溯事件采集, issue 4): the events of captured documents, in normal form
-- beside their JSON, and the capture jobs that brought them. The target is ten million
-- events, so rows are narrow: every URI (identifiers, locations, vocabulary, transaction
-- numbers) is stored once in epcis_uris and referenced by its integer id; times are unix
-- milliseconds (UTC), which sort and compare as integers on both engines.

-- A capture job (采集任务) is one document sent to POST /epcis/capture. state 'running' is
-- a job still being captured; a synchronous capture writes its job finished. context is
-- the document's @context as JSON, for answering with its extension namespaces; problems
-- is the problem report (JSON) of a refused document, whose events were not stored.
-- business_id is the business a business operator captured as; org_unit_id the capturer's
-- unit: they decide who sees the job. user_id is no foreign key, as in the audit log.
CREATE TABLE epcis_capture_jobs (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER,
    business_id  INTEGER REFERENCES businesses(id),
    org_unit_id  INTEGER REFERENCES org_units(id),
    state        TEXT NOT NULL CHECK (state IN ('running','succeeded','failed')),
    received_at  TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    size         INTEGER NOT NULL,
    event_count  INTEGER NOT NULL DEFAULT 0,
    stored       INTEGER NOT NULL DEFAULT 0,
    context      TEXT NOT NULL DEFAULT '',
    problems     TEXT
);
CREATE INDEX epcis_capture_jobs_business ON epcis_capture_jobs(business_id, id) WHERE business_id IS NOT NULL;
CREATE INDEX epcis_capture_jobs_unit ON epcis_capture_jobs(org_unit_id, id);

-- Every URI an event names, once.
CREATE TABLE epcis_uris (
    id   INTEGER PRIMARY KEY,
    uri  TEXT NOT NULL UNIQUE
);

-- An event (追溯事件). id is given by capture in capture order (the trace index addresses
-- events by it). event_id is the eventID as sent or, when it had none, its hash ID;
-- event_key is a 64-bit digest of event_id, the narrow key it is looked up by. hash_id is
-- the SHA-256 of the CBV 2.0 Event Hash ID. An error declaration (declaration = 1) repeats
-- the eventID of the event it declares erroneous; both carry declared_ms, the declaration
-- time. type: 1 ObjectEvent, 2 AggregationEvent, 3 TransactionEvent, 4 TransformationEvent,
-- 5 AssociationEvent; action: 0 none, 1 ADD, 2 OBSERVE, 3 DELETE. owner_id is the business
-- whose location (urn:shejian:uscc:…) the event happened at, NULL for a partner's. The
-- vocabulary and location columns are epcis_uris ids. json is the event as captured, with
-- eventID and recordTime filled. job_id and owner_id are no foreign keys: each would cost a
-- lookup per event, and neither jobs nor businesses are deleted.
CREATE TABLE epcis_events (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL,
    event_key       INTEGER NOT NULL,
    event_id        TEXT NOT NULL,
    hash_id         BLOB NOT NULL,
    declaration     INTEGER NOT NULL DEFAULT 0,
    declared_ms     INTEGER,
    owner_id        INTEGER,
    type            INTEGER NOT NULL,
    action          INTEGER NOT NULL,
    event_ms        INTEGER NOT NULL,
    tz_minutes      INTEGER NOT NULL,
    record_ms       INTEGER NOT NULL,
    biz_step        INTEGER,
    disposition     INTEGER,
    read_point      INTEGER,
    biz_location    INTEGER,
    transformation  INTEGER,
    json            TEXT NOT NULL
);
CREATE INDEX epcis_events_key ON epcis_events(event_key);
CREATE INDEX epcis_events_time ON epcis_events(event_ms);
CREATE INDEX epcis_events_owner ON epcis_events(owner_id, event_ms) WHERE owner_id IS NOT NULL;
CREATE INDEX epcis_events_transformation ON epcis_events(transformation) WHERE transformation IS NOT NULL;

-- The objects of each event (the edges of the trace graph): role is epcis.Role (1 EPC,
-- 2 parent, 3 child, 4 input, 5 output), class marks a quantity element (an LGTIN lot or a
-- GTIN) with its quantity and unit, seq its place among the event's objects. Clustered by
-- object, so that the events of a lot are read together.
CREATE TABLE epcis_event_objects (
    uri_id     INTEGER NOT NULL,
    event_row  INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    role       INTEGER NOT NULL,
    class      INTEGER NOT NULL DEFAULT 0,
    quantity   REAL,
    uom        TEXT,
    PRIMARY KEY (uri_id, event_row, seq)
) WITHOUT ROWID;
CREATE INDEX epcis_event_objects_event ON epcis_event_objects(event_row);

-- Business transactions (kind 1), sources (2) and destinations (3): type and value are
-- epcis_uris ids, type NULL when none is given. They are looked up by value (the events of
-- a purchase order, of a party) and by event.
CREATE TABLE epcis_event_values (
    value_id   INTEGER NOT NULL,
    event_row  INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    kind       INTEGER NOT NULL,
    type_id    INTEGER,
    PRIMARY KEY (value_id, event_row, seq)
) WITHOUT ROWID;
CREATE INDEX epcis_event_values_event ON epcis_event_values(event_row);
