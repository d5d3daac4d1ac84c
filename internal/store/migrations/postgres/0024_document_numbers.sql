-- Document numbers (文号) and issued inspection documents (issue 6, documents).
--
-- A document number is "<issuer prefix><kind word>〔<year>〕<seq>号", counted per issuing
-- unit (the district bureau), per kind of document and per year. document_sequences keeps
-- the last number handed out; kind is free text so that later documents (cases: 立案,
-- 处罚决定书 …) count in the same table. A number is taken in the transaction that records
-- the document, so a failed issue leaves no gap and two issues never share a number.
CREATE TABLE document_sequences (
    unit_id   BIGINT NOT NULL REFERENCES org_units(id),
    kind      TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, kind, year)
);

-- One document issued for a signed inspection: 现场检查笔录 (record), 监督检查结果记录表
-- (result) or 责令改正通知书 (order). At most one of each kind per inspection, so a document
-- rendered again keeps its number. facts is the JSON of what the document shows that the
-- registry may change later (business name and address, the issuing unit, inspectors'
-- certificates, the public URL, the correction deadline), frozen at issue so that the same
-- signed record renders the same bytes. See internal/inspect/documents.
CREATE TABLE inspection_documents (
    inspection_id  BIGINT NOT NULL REFERENCES inspections(id),
    kind           TEXT NOT NULL CHECK (kind IN ('record','result','order')),
    unit_id        BIGINT NOT NULL REFERENCES org_units(id),
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    number         TEXT NOT NULL,
    facts          TEXT NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    issued_by      TEXT NOT NULL,
    PRIMARY KEY (inspection_id, kind),
    UNIQUE (unit_id, kind, year, seq)
);
