-- Grades stored compactly: the latest grading of each business, and a history of grade
-- changes (issue 5: recompute a million businesses in seconds; internal/risk/grades_store.go).
--
-- A grade cites the source of each of its numbers: the rule key, the version applied, its
-- legal basis and confidence. A million grades cite the same few hundred, so each source is
-- kept once here and a grade's explanation names it by number (internal/risk/grade_codec.go).
CREATE TABLE risk_grade_sources (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    ref         TEXT NOT NULL,
    basis       TEXT NOT NULL,
    confidence  TEXT NOT NULL,
    UNIQUE (key, ref, basis, confidence)
);

-- The latest grading of each business, replaced by every grading: what the grade page shows,
-- and what the next grading is compared with to tell whether the grade changed (its scheme,
-- grade, priority or rule versions). A grading that changes it is copied into the history
-- too. The step at the end fills it from the newest grade of each business.
CREATE TABLE risk_grades_current (
    business_id  INTEGER PRIMARY KEY,
    scheme       TEXT NOT NULL,
    grade        TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
    priority     INTEGER NOT NULL CHECK (priority IN (0,1)),
    rule_refs    TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    graded_on    TIMESTAMP NOT NULL
);

-- risk_grades becomes the history of grade changes: a grading is appended only when it
-- changes the latest grading's scheme, grade, priority or rule versions, or is for an
-- earlier day, so that the grade in force on a day (risk_grades_in_force) reads as if every
-- grading had been appended. Its explanation is the compact form; the columns that only
-- repeated the explanation (points, grade by points, inspections a year, due date of the
-- full checklist) go, and the step rewrites the explanations kept so far, which were the
-- JSON of the whole grading. The index by business is the start of the index of the grade
-- in force, and goes.
--
-- Neither grade table has a foreign key to businesses: a recompute writes a million rows,
-- each for a business it has just read, and businesses are closed, never deleted.
-- PostgreSQL checks a foreign key row by row, locking the business (FOR KEY SHARE), which
-- took three times as long as the insert itself.
CREATE TABLE risk_grades_compact (
    id           INTEGER PRIMARY KEY,
    business_id  INTEGER NOT NULL,
    scheme       TEXT NOT NULL,
    grade        TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
    priority     INTEGER NOT NULL CHECK (priority IN (0,1)),
    rule_refs    TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    graded_on    TIMESTAMP NOT NULL,
    computed_at  TIMESTAMP NOT NULL
);
INSERT INTO risk_grades_compact (id, business_id, scheme, grade, priority, rule_refs, explanation, graded_on, computed_at)
    SELECT id, business_id, scheme, grade, priority, rule_refs, explanation, graded_on, computed_at FROM risk_grades;
DROP TABLE risk_grades;
ALTER TABLE risk_grades_compact RENAME TO risk_grades;
CREATE INDEX risk_grades_in_force ON risk_grades(business_id, id, graded_on, scheme, grade, priority);
-- step: risk.compact_grades converts risk_grades
