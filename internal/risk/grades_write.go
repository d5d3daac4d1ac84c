package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// storedGrade is one grading encoded for writing (grade_codec.go), with whether it changes
// the grade of its business: its scheme, grade, priority or rule versions differ from the
// latest grading's, or it is for an earlier day.
type storedGrade struct {
	businessID  int64
	scheme      SchemeName
	grade       Grade
	priority    bool
	refs        string
	key         string // its grade key (appendGradeKey)
	explanation string
	changed     bool
	first       bool // its business had no grading when read
}

// writeGrades writes gradings made on the day at in one transaction, reordering them. Each
// replaces the latest grading of its business: only the explanation and the day when the
// grade did not change, the whole row when it did; and a grading that changed the grade is
// copied into the history. An unchanged grading replaces the latest only while that still
// has its grade: one written since it was read, by a grading of the same business at
// once, stays.
//
// On PostgreSQL the first grading of a business is inserted as such, which costs half as
// much as an insert that would replace a row there; should a grading of one of them have
// been written since they were read, the transaction is written again, replacing.
func (s *Service) writeGrades(ctx context.Context, at time.Time, grades []storedGrade) error {
	same, changed := partitionChanged(grades)
	at, now := at.UTC(), time.Now().UTC()
	write := func(firsts bool) error {
		return s.st.Tx(ctx, func(tx *sql.Tx) error {
			var err error
			if s.st.Dialect() == store.Postgres {
				err = writeGradesPostgres(ctx, tx, at, now, same, changed, firsts)
			} else {
				err = writeGradesSQLite(ctx, tx, at, now, same, changed)
			}
			if err != nil {
				return fmt.Errorf("write risk grades: %w", store.Normalize(err))
			}
			return nil
		})
	}
	err := write(true)
	if errors.Is(err, store.ErrUnique) {
		err = write(false)
	}
	return err
}

// partitionChanged reorders grades, the unchanged first, and returns the two parts.
func partitionChanged(grades []storedGrade) (same, changed []storedGrade) {
	n := 0
	for i := range grades {
		if !grades[i].changed {
			grades[n], grades[i] = grades[i], grades[n]
			n++
		}
	}
	return grades[:n], grades[n:]
}

// The SQLite statements take the day graded (and the time computed) once, before the rows:
// each argument costs about as much to bind as a short row to write.
var (
	refreshCurrentSQLite = store.BatchSQL{
		Head:  `UPDATE risk_grades_current AS c SET explanation = v.column3, graded_on = ? FROM (VALUES `,
		Tuple: `(?, ?, ?)`,
		Tail:  `) AS v WHERE c.business_id = v.column1 AND ` + gradeKeySQL + ` = v.column2`,
	}
	replaceCurrentSQLite = store.BatchSQL{
		Head: `INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs, explanation, graded_on)
			SELECT column1, column2, column3, column4, column5, column6, ? FROM (VALUES `,
		Tuple: `(?, ?, ?, ?, ?, ?)`,
		Tail: `) WHERE true ON CONFLICT (business_id) DO UPDATE SET scheme = excluded.scheme, grade = excluded.grade,
			priority = excluded.priority, rule_refs = excluded.rule_refs, explanation = excluded.explanation,
			graded_on = excluded.graded_on`, // WHERE: SQLite's upsert after a SELECT needs one
	}
	copyToHistorySQLite = store.BatchSQL{
		Head: `INSERT INTO risk_grades (business_id, scheme, grade, priority, rule_refs, explanation, graded_on, computed_at)
			SELECT business_id, scheme, grade, priority, rule_refs, explanation, graded_on, ? FROM risk_grades_current
			WHERE business_id IN (`,
		Tuple: `?`,
		Tail:  `)`,
	}
)

// writeGradesSQLite writes in statements of store.BatchSize rows.
func writeGradesSQLite(ctx context.Context, tx *sql.Tx, at, now time.Time, same, changed []storedGrade) error {
	b := store.NewBatches(tx, store.SQLite)
	defer b.Close()
	err := inRowBatches(same, func(batch []storedGrade) error {
		args := make([]any, 0, 1+3*len(batch))
		args = append(args, at)
		for _, g := range batch {
			args = append(args, g.businessID, g.key, g.explanation)
		}
		return b.Exec(ctx, &refreshCurrentSQLite, len(batch), args)
	})
	if err == nil {
		err = inRowBatches(changed, func(batch []storedGrade) error {
			args := make([]any, 0, 1+6*len(batch))
			args = append(args, at)
			for _, g := range batch {
				args = append(args, g.businessID, string(g.scheme), string(g.grade), boolInt(g.priority), g.refs, g.explanation)
			}
			return b.Exec(ctx, &replaceCurrentSQLite, len(batch), args)
		})
	}
	if err == nil {
		err = inRowBatches(changed, func(batch []storedGrade) error {
			args := make([]any, 0, 1+len(batch))
			args = append(args, now)
			for _, g := range batch {
				args = append(args, g.businessID)
			}
			return b.Exec(ctx, &copyToHistorySQLite, len(batch), args)
		})
	}
	return err
}

func inRowBatches(grades []storedGrade, write func([]storedGrade) error) error {
	for first := 0; first < len(grades); first += store.BatchSize {
		if err := write(grades[first:min(first+store.BatchSize, len(grades))]); err != nil {
			return err
		}
	}
	return nil
}

// writeGradesPostgres writes the unchanged gradings in one statement and the changed in
// another, which replaces the latest (inserts it, for a first grading when firsts is set)
// and appends to the history at once, the rows passed as arrays.
func writeGradesPostgres(ctx context.Context, tx *sql.Tx, at, now time.Time, same, changed []storedGrade, firsts bool) error {
	if len(same) > 0 {
		ids, keys, explanations := make([]int64, len(same)), make([]string, len(same)), make([]string, len(same))
		for i, g := range same {
			ids[i], keys[i], explanations[i] = g.businessID, g.key, g.explanation
		}
		if _, err := tx.ExecContext(ctx, `UPDATE risk_grades_current c SET explanation = v.explanation, graded_on = $4
			FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(business_id, grade_key, explanation)
			WHERE c.business_id = v.business_id AND `+gradeKeySQL+` = v.grade_key`, ids, keys, explanations, at); err != nil {
			return err
		}
	}
	if len(changed) == 0 {
		return nil
	}
	ids, schemes, grades, priorities, refs, explanations, inserts := make([]int64, len(changed)), make([]string, len(changed)),
		make([]string, len(changed)), make([]int16, len(changed)), make([]string, len(changed)), make([]string, len(changed)),
		make([]bool, len(changed))
	for i, g := range changed {
		ids[i], schemes[i], grades[i], priorities[i], refs[i], explanations[i], inserts[i] = g.businessID, string(g.scheme),
			string(g.grade), int16(boolInt(g.priority)), g.refs, g.explanation, firsts && g.first
	}
	_, err := tx.ExecContext(ctx, `WITH v AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[],
			$5::text[], $6::text[], $7::boolean[]) AS v(business_id, scheme, grade, priority, rule_refs, explanation, first)),
		firsts AS (INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs, explanation, graded_on)
			SELECT business_id, scheme, grade, priority, rule_refs, explanation, $8 FROM v WHERE first),
		replaced AS (INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs, explanation, graded_on)
			SELECT business_id, scheme, grade, priority, rule_refs, explanation, $8 FROM v WHERE NOT first
			ON CONFLICT (business_id) DO UPDATE SET scheme = excluded.scheme, grade = excluded.grade,
				priority = excluded.priority, rule_refs = excluded.rule_refs, explanation = excluded.explanation,
				graded_on = excluded.graded_on)
		INSERT INTO risk_grades (business_id, scheme, grade, priority, rule_refs, explanation, graded_on, computed_at)
			SELECT business_id, scheme, grade, priority, rule_refs, explanation, $8, $9 FROM v`,
		ids, schemes, grades, priorities, refs, explanations, inserts, at, now)
	return err
}
