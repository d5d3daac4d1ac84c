-- The bundle of a drawn task (issue 5, internal/draw), kept once it is built: it never
-- changes after the draw, and at a million businesses it is a quarter of a gigabyte of
-- JSON that takes seconds and a gigabyte of memory to build, on a route open to anyone.
-- Drawing stores it in the same transaction as the result; a task drawn before this
-- migration gets it on its first download.
--
-- It is kept gzip-compressed, as the downloads mostly send it, with the size and SHA-256
-- of the JSON and of the compressed bytes: the Content-Length and ETag of the two
-- encodings. The compressed bytes are in pieces of a mebibyte (draw_bundle_chunks, seq
-- from 0) so that a download reads one piece at a time, with no database connection held
-- while a slow client takes it.
CREATE TABLE draw_bundles (
    task_id      BIGINT PRIMARY KEY REFERENCES draw_tasks(id),
    json_size    BIGINT NOT NULL CHECK (json_size > 0),
    json_sha256  TEXT NOT NULL,
    gzip_size    BIGINT NOT NULL CHECK (gzip_size > 0),
    gzip_sha256  TEXT NOT NULL,
    chunks       INTEGER NOT NULL CHECK (chunks > 0),
    built_at     TIMESTAMPTZ NOT NULL
);
CREATE TABLE draw_bundle_chunks (
    task_id  BIGINT NOT NULL REFERENCES draw_bundles(task_id),
    seq      INTEGER NOT NULL CHECK (seq >= 0),
    data     BYTEA NOT NULL,
    PRIMARY KEY (task_id, seq)
);
-- The pieces are gzip already: TOAST would try to compress them again for nothing.
ALTER TABLE draw_bundle_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
