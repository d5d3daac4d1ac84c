-- Trace codes (追溯码, issue 4): the short code printed as a QR code on a package, which
-- opens the public page of one lot's journey at /t/<code>. code is random and unguessable
-- (the page is public: knowing a code is the only key to it); one code per lot, so that a
-- lot's packages all carry the same one whoever asked for it first. lot is the lot's
-- canonical identifier as the trace index holds it. business_id is the business whose
-- operator issued it, NULL when staff did; user_id is no foreign key, as in the audit log.
CREATE TABLE trace_codes (
    code         TEXT PRIMARY KEY,
    lot          TEXT NOT NULL UNIQUE,
    business_id  INTEGER REFERENCES businesses(id),
    user_id      INTEGER,
    created_at   TIMESTAMP NOT NULL
);
