-- Import reports (导入错误报告): the bad rows of a refused business import, kept for a week so
-- that the uploader can download them as a workbook. body is JSON (the cell errors and how
-- many were left out), stored as text since it is only ever read whole. user_id is
-- deliberately not a foreign key: reports are disposable and must not keep a user from
-- being deleted.
CREATE TABLE import_reports (
    id          TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL,
    file_name   TEXT NOT NULL DEFAULT '',
    total_rows  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_reports_expires ON import_reports(expires_at);
