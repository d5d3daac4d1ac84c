-- Annual inspection plan (年度监督检查计划, issue 5): a plan is derived on request from the
-- grades in force and the inspections recorded (see internal/risk/plan_store.go); nothing
-- of it is stored. This index gives the grade of a business in force on a day (the newest
-- computed among those graded on or before it) from the index alone: a city's plan reads a
-- million of them and must not read the grade rows with their explanation.
CREATE INDEX risk_grades_in_force ON risk_grades(business_id, id, graded_on, scheme, grade, priority);
