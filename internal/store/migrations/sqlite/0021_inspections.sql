-- Mobile enforcement (移动执法, issue 6), second part: inspections (监督检查) and their
-- evidence. An inspection is answered against one published checklist template version,
-- signed by its inspectors and the operator, then sealed (internal/seal, type "inspection"):
-- the guards below refuse any update or delete of it or of its inspectors, answers,
-- evidence and signatures, so a mistake is corrected by a new inspection (seal corrections).
-- Publication is kept in its own table because a sealed row takes no more writes.
-- Every row that a phone creates carries the phone's UUID, so a retried upload finds the
-- row it already made instead of making another. See internal/inspect.

-- One inspection. source says what it came from (plan, draw task, complaint, ad hoc) and
-- source_ref which one; kind is Order 49 art. 53's daily (日常), flying (飞行) or systems (体系)
-- inspection. district_id and station_id are the business's at creation: the jurisdiction.
-- result is the Judge's result as JSON and explanation its reason in words; evidence is the
-- list of the evidence hashes the signature covers, written at signing.
CREATE TABLE inspections (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE,
    source              TEXT NOT NULL CHECK (source IN ('plan','draw','complaint','ad_hoc')),
    source_ref          TEXT NOT NULL DEFAULT '',
    kind                TEXT NOT NULL CHECK (kind IN ('daily','flying','systems')),
    business_id         INTEGER NOT NULL REFERENCES businesses(id),
    district_id         INTEGER NOT NULL REFERENCES org_units(id),
    station_id          INTEGER NOT NULL REFERENCES org_units(id),
    template_id         INTEGER NOT NULL REFERENCES inspect_templates(id),
    status              TEXT NOT NULL CHECK (status IN ('created','assigned','checked_in','answered','signed')),
    planned_on          DATE,
    checkin_at          TIMESTAMP,
    checkin_method      TEXT NOT NULL DEFAULT '',
    checkin_lat         REAL,
    checkin_lng         REAL,
    checkin_distance_m  REAL,
    outcome             TEXT NOT NULL DEFAULT '',
    result              TEXT NOT NULL DEFAULT '',
    explanation         TEXT NOT NULL DEFAULT '',
    evidence            TEXT NOT NULL DEFAULT '',
    signed_at           TIMESTAMP,
    signed_by           TEXT NOT NULL DEFAULT '',
    publish_due         DATE,
    created_at          TIMESTAMP NOT NULL,
    created_by          TEXT NOT NULL
);
CREATE INDEX inspections_business ON inspections(business_id, id);
CREATE INDEX inspections_station ON inspections(station_id, planned_on);
CREATE INDEX inspections_district ON inspections(district_id, planned_on);
CREATE INDEX inspections_due ON inspections(publish_due) WHERE status = 'signed';

-- The inspectors of an inspection (at least two, art. 23), in seat order.
CREATE TABLE inspection_inspectors (
    inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    seat           INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, person_id)
);
CREATE INDEX inspection_inspectors_person ON inspection_inspectors(person_id, inspection_id);

-- One answer per item, with the inspector's note; uuid is the phone's.
CREATE TABLE inspection_answers (
    inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
    item_code      TEXT NOT NULL,
    uuid           TEXT NOT NULL UNIQUE,
    answer         TEXT NOT NULL CHECK (answer IN ('pass','fail','na')),
    note           TEXT NOT NULL DEFAULT '',
    answered_at    TIMESTAMP NOT NULL,
    answered_by    TEXT NOT NULL,
    PRIMARY KEY (inspection_id, item_code)
);

-- Stored files, content-addressed: one row per SHA-256 however often it is uploaded. The
-- bytes live on disk under the evidence directory; public_sha256 names the copy of a photo
-- without its metadata (EXIF), '' for a file that has none.
CREATE TABLE evidence_blobs (
    sha256         TEXT PRIMARY KEY,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    public_sha256  TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL
);

-- A piece of evidence of an inspection: a photo, a file or a signature image, with when and
-- where it was captured; uuid is the phone's.
CREATE TABLE inspection_evidence (
    uuid           TEXT PRIMARY KEY,
    inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
    sha256         TEXT NOT NULL REFERENCES evidence_blobs(sha256),
    kind           TEXT NOT NULL CHECK (kind IN ('photo','file','signature')),
    item_code      TEXT NOT NULL DEFAULT '',
    file_name      TEXT NOT NULL DEFAULT '',
    captured_at    TIMESTAMP NOT NULL,
    lat            REAL,
    lng            REAL,
    uploaded_at    TIMESTAMP NOT NULL,
    uploaded_by    TEXT NOT NULL
);
CREATE INDEX inspection_evidence_inspection ON inspection_evidence(inspection_id, captured_at);

-- The signatures: each inspector's and the operator's (signer 'inspector:<person id>' or
-- 'operator'), an image kept as evidence, or the operator's refusal with a witness.
CREATE TABLE inspection_signatures (
    inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
    signer         TEXT NOT NULL,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    evidence_uuid  TEXT REFERENCES inspection_evidence(uuid),
    refused        INTEGER NOT NULL DEFAULT 0,
    witness        TEXT NOT NULL DEFAULT '',
    signed_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (inspection_id, signer),
    CHECK (refused = 1 AND witness <> '' AND evidence_uuid IS NULL OR refused = 0 AND evidence_uuid IS NOT NULL)
);

-- Publication of a signed inspection (结果公开, art. 39): what the public may see of it.
CREATE TABLE inspection_publications (
    inspection_id  INTEGER PRIMARY KEY REFERENCES inspections(id),
    published_at   TIMESTAMP NOT NULL,
    published_by   TEXT NOT NULL
);

-- The check-in code of a business (一店一码): a random token its QR code carries.
CREATE TABLE inspect_checkin_codes (
    business_id  INTEGER PRIMARY KEY REFERENCES businesses(id),
    token        TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL
);

-- Guards of sealed (signed) inspections, as seal.GuardTable writes them.
CREATE TRIGGER IF NOT EXISTS inspections_sealed_update BEFORE UPDATE ON inspections
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspections_sealed_delete BEFORE DELETE ON inspections
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_inspectors_sealed_update BEFORE UPDATE ON inspection_inspectors
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_inspectors_sealed_delete BEFORE DELETE ON inspection_inspectors
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_answers_sealed_update BEFORE UPDATE ON inspection_answers
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_answers_sealed_delete BEFORE DELETE ON inspection_answers
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_evidence_sealed_update BEFORE UPDATE ON inspection_evidence
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_evidence_sealed_delete BEFORE DELETE ON inspection_evidence
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_signatures_sealed_update BEFORE UPDATE ON inspection_signatures
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS inspection_signatures_sealed_delete BEFORE DELETE ON inspection_signatures
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'inspection' AND object_id = CAST(OLD.inspection_id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
