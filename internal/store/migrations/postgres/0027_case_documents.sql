-- Documents issued for a case (立案查处, issue 6 item 7): 案件来源登记表 (source), 立案审批表
-- (filing), 不予立案审批表 (not_filed), 行政处罚事先告知书 (notice), 听证笔录摘要 (hearing),
-- 行政处罚决定书 (decision), 结案报告 (closure) and 涉嫌犯罪案件移送书 (transfer). At most one
-- of each kind per case, so a document rendered again keeps its number. Numbers count in
-- document_sequences (0024) under the kind 'case_<kind>'; the decision prints the number its
-- sealed record carries and counts in no sequence, so its seq is NULL. facts is the JSON of
-- what the document shows that the registry may change later (issuing unit, business),
-- frozen at issue; the rest comes from the case's steps, which are only ever added. See
-- internal/enforce/documents.
CREATE TABLE case_documents (
    case_id    BIGINT NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL CHECK (kind IN ('source','filing','not_filed','notice','hearing','decision','closure','transfer')),
    unit_id    BIGINT NOT NULL REFERENCES org_units(id),
    year       INTEGER NOT NULL,
    seq        INTEGER,
    number     TEXT NOT NULL,
    facts      TEXT NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    issued_by  TEXT NOT NULL,
    PRIMARY KEY (case_id, kind),
    UNIQUE (unit_id, kind, year, seq)
);
