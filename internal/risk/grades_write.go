package risk

import (
	"context"
	"database/sql"
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
	key         string // gradeKey
	explanation string
	changed     bool
}

// writeGrades writes gradings made on the day at in one transaction. Each replaces the
// latest grading of its business: only the explanation and the day when the grade did not
// change, the whole row when it did; and a grading that changed the grade is copied into
// the history. An unchanged grading replaces the latest only while that still has its
// grade: one written since it was read, by a grading of the same business at once, stays.
func (s *Service) writeGrades(ctx context.Context, at time.Time, grades []storedGrade) error {
	var same, changed []storedGrade
	for _, g := range grades {
		if g.changed {
			changed = append(changed, g)
		} else {
			same = append(same, g)
		}
	}
	at, now := at.UTC(), time.Now().UTC()
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if s.st.Dialect() == store.Postgres {
			err = writeGradesPostgres(ctx, tx, at, now, same, changed)
		} else {
			err = writeGradesSQLite(ctx, tx, at, now, same, changed)
		}
		if err != nil {
			return fmt.Errorf("write risk grades: %w", store.Normalize(err))
		}
		return nil
	})
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

// writeGradesPostgres writes each kind of row in one statement, the rows passed as arrays.
func writeGradesPostgres(ctx context.Context, tx *sql.Tx, at, now time.Time, same, changed []storedGrade) error {
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
	ids, schemes, grades, priorities, refs, explanations := make([]int64, len(changed)), make([]string, len(changed)),
		make([]string, len(changed)), make([]int16, len(changed)), make([]string, len(changed)), make([]string, len(changed))
	for i, g := range changed {
		ids[i], schemes[i], grades[i], priorities[i], refs[i], explanations[i] = g.businessID, string(g.scheme),
			string(g.grade), int16(boolInt(g.priority)), g.refs, g.explanation
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs,
		explanation, graded_on) SELECT *, $7::timestamptz
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::text[])
		ON CONFLICT (business_id) DO UPDATE SET scheme = excluded.scheme, grade = excluded.grade,
			priority = excluded.priority, rule_refs = excluded.rule_refs, explanation = excluded.explanation,
			graded_on = excluded.graded_on`, ids, schemes, grades, priorities, refs, explanations, at); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO risk_grades (business_id, scheme, grade, priority, rule_refs, explanation,
		graded_on, computed_at) SELECT business_id, scheme, grade, priority, rule_refs, explanation, graded_on, $2
		FROM risk_grades_current WHERE business_id = ANY($1)`, ids, now)
	return err
}
