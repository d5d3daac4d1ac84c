package risk

import (
	"context"
	"database/sql"
	"time"

	"github.com/shejian/shejian/internal/store"
)

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

// inRowBatches calls write with grades in runs of store.BatchSize, the rows of one statement.
func inRowBatches(grades []storedGrade, write func([]storedGrade) error) error {
	for first := 0; first < len(grades); first += store.BatchSize {
		if err := write(grades[first:min(first+store.BatchSize, len(grades))]); err != nil {
			return err
		}
	}
	return nil
}
