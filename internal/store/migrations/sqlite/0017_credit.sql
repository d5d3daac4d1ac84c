-- Credit (信用, issue 5): the credit records of businesses — administrative penalties with
-- their publicity (SAMR Order 45), listings on the abnormal-operation list (经营异常名录)
-- and the serious-dishonesty list (严重违法失信名单, Order 44) — the credit class each
-- business has under the rule set "credit", and credit-repair requests (信用修复) with their
-- final decisions. See internal/credit.

-- Credit records. kind says which facts apply: a penalty has its decision number, measures
-- (comma-separated), fine, ban months and whether it is heavier (较重); a serious-dishonesty
-- listing names the heavier penalty it rests on (penalty_id). publicity_months is the
-- publicity period fixed when the record was made (0: until removed), publish_due the last
-- day to publish, withdraw_due the last day to withdraw a revoked penalty (working days);
-- rule_refs the rule versions they were computed under. ended_on ends a listing or, with
-- end_reason 'repaired', a penalty's publicity early.
CREATE TABLE credit_records (
    id                INTEGER PRIMARY KEY,
    business_id       INTEGER NOT NULL REFERENCES businesses(id),
    kind              TEXT NOT NULL CHECK (kind IN ('penalty','abnormal_operation','serious_dishonesty')),
    document_number   TEXT NOT NULL,
    decided_on        DATE NOT NULL,
    violation         TEXT NOT NULL DEFAULT '',
    measures          TEXT NOT NULL DEFAULT '',
    fine_yuan         REAL NOT NULL DEFAULT 0 CHECK (fine_yuan >= 0),
    ban_months        INTEGER NOT NULL DEFAULT 0 CHECK (ban_months >= 0),
    severe            INTEGER NOT NULL DEFAULT 0 CHECK (severe IN (0,1)),
    simple_procedure  INTEGER NOT NULL DEFAULT 0 CHECK (simple_procedure IN (0,1)),
    penalty_id        INTEGER REFERENCES credit_records(id),
    reason            TEXT NOT NULL DEFAULT '',
    publishable       INTEGER NOT NULL CHECK (publishable IN (0,1)),
    publicity_months  INTEGER NOT NULL,
    publish_due       DATE,
    rule_refs         TEXT NOT NULL,
    published_on      DATE,
    revoked_on        DATE,
    revoke_reason     TEXT NOT NULL DEFAULT '',
    withdraw_due      DATE,
    withdrawn_on      DATE,
    ended_on          DATE,
    end_reason        TEXT NOT NULL DEFAULT '' CHECK (end_reason IN ('','removed','repaired')),
    end_note          TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX credit_records_business ON credit_records(business_id, decided_on);
CREATE UNIQUE INDEX credit_records_document ON credit_records(kind, document_number);

-- The credit class (信用风险分类) in force for each business: the newest computation, with
-- the rule versions applied and the explanation of every line (credit.Class as JSON).
CREATE TABLE credit_classes (
    business_id   INTEGER PRIMARY KEY REFERENCES businesses(id),
    credit_class  TEXT NOT NULL CHECK (credit_class IN ('A','B','C','D')),
    rule_refs     TEXT NOT NULL,
    explanation   TEXT NOT NULL,
    computed_at   TIMESTAMP NOT NULL
);

-- Credit-repair requests (信用修复申请) of a business about one of its records, and the
-- bureau's decision. A decided request is sealed ('credit_repair', signed): the guard below
-- refuses any later change. At most one request per record is pending.
CREATE TABLE credit_repairs (
    id               INTEGER PRIMARY KEY,
    business_id      INTEGER NOT NULL REFERENCES businesses(id),
    record_id        INTEGER NOT NULL REFERENCES credit_records(id),
    reason           TEXT NOT NULL,
    evidence         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
    requested_at     TIMESTAMP NOT NULL,
    requested_by     TEXT NOT NULL,
    decided_at       TIMESTAMP,
    decided_by       TEXT NOT NULL DEFAULT '',
    decision_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX credit_repairs_business ON credit_repairs(business_id, id);
CREATE UNIQUE INDEX credit_repairs_pending ON credit_repairs(record_id) WHERE status = 'pending';

CREATE TRIGGER IF NOT EXISTS credit_repairs_sealed_update BEFORE UPDATE ON credit_repairs
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'credit_repair' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
CREATE TRIGGER IF NOT EXISTS credit_repairs_sealed_delete BEFORE DELETE ON credit_repairs
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = 'credit_repair' AND object_id = CAST(OLD.id AS TEXT))
BEGIN
    SELECT RAISE(ABORT, 'sealed record');
END;
