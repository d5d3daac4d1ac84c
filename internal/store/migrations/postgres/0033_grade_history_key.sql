-- The grade history keyed by business (issue 5: recompute a million businesses in seconds;
-- internal/risk/grades_write_postgres.go). Every reader of risk_grades asks for the grades of
-- one business newest first (the history of a business, the grade in force on a day for the
-- plan), which risk_grades_in_force answers; none looks a grade up by its id alone. The
-- index of the primary key on id was written on every append for no reader, its last page
-- by every writer at once. The index of the grade in force becomes the primary key: the same
-- entries, business and id first (unique, as the id is), the day, scheme, grade and
-- priority beside them for the plan to read from the index alone. On SQLite the id is the
-- row id and costs no index of its own.
ALTER TABLE risk_grades DROP CONSTRAINT risk_grades_pkey;
DROP INDEX risk_grades_in_force;
ALTER TABLE risk_grades ADD CONSTRAINT risk_grades_in_force PRIMARY KEY (business_id, id)
    INCLUDE (graded_on, scheme, grade, priority);
