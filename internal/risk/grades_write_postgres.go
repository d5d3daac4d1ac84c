package risk

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// On PostgreSQL a recompute appends its grades with COPY, which writes a page of rows at a
// time (one log record a page, not one a row) and skips the parsing of arrays and the plan
// of an INSERT … SELECT. COPY is pgx's own, so the grades are written on a pgx transaction
// of a connection taken from the pool (store.PgxTx).

// The columns of the grade tables that COPY fills.
var (
	currentCopyColumns = []string{"business_id", "scheme", "grade", "priority", "rule_refs", "explanation", "graded_on"}
	historyCopyColumns = append(currentCopyColumns[:len(currentCopyColumns):len(currentCopyColumns)], "computed_at")
)

// writeGradesPostgres refreshes the unchanged gradings in one statement; inserts the changed
// that are first gradings when firsts is set, with COPY, and replaces the latest of the
// others in one statement; and appends every changed grading to the history with COPY.
func writeGradesPostgres(ctx context.Context, tx pgx.Tx, at, now time.Time, same, changed []storedGrade, firsts bool) error {
	if err := refreshCurrentPostgres(ctx, tx, at, same); err != nil {
		return err
	}
	inserted, replaced := splitFirsts(changed, firsts)
	if err := copyGrades(ctx, tx, "risk_grades_current", currentCopyColumns, inserted, at, now); err != nil {
		return err
	}
	if err := replaceCurrentPostgres(ctx, tx, at, replaced); err != nil {
		return err
	}
	return copyGrades(ctx, tx, "risk_grades", historyCopyColumns, changed, at, now)
}

// splitFirsts splits grades into those to insert, the first gradings when firsts is set,
// and those to replace.
func splitFirsts(grades []storedGrade, firsts bool) (inserted, replaced []storedGrade) {
	if !firsts {
		return nil, grades
	}
	for _, g := range grades {
		if g.first {
			inserted = append(inserted, g)
		} else {
			replaced = append(replaced, g)
		}
	}
	return inserted, replaced
}

// copyGrades writes grades into table with COPY, in columns (currentCopyColumns, or
// historyCopyColumns with the time computed).
func copyGrades(ctx context.Context, tx pgx.Tx, table string, columns []string, grades []storedGrade, at, now time.Time) error {
	if len(grades) == 0 {
		return nil
	}
	row := make([]any, len(columns))
	rows := pgx.CopyFromFunc(func() ([]any, error) {
		if len(grades) == 0 {
			return nil, nil
		}
		g := &grades[0]
		grades = grades[1:]
		row[0], row[1], row[2], row[3], row[4], row[5], row[6] = g.businessID, string(g.scheme), string(g.grade),
			int16(boolInt(g.priority)), g.refs, g.explanation, at
		if len(row) > 7 {
			row[7] = now
		}
		return row, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, columns, rows); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	return nil
}

// refreshCurrentPostgres replaces the explanation and day of the latest gradings that still
// have the grade of same, the rows passed as arrays.
func refreshCurrentPostgres(ctx context.Context, tx pgx.Tx, at time.Time, same []storedGrade) error {
	if len(same) == 0 {
		return nil
	}
	ids, keys, explanations := make([]int64, len(same)), make([]string, len(same)), make([]string, len(same))
	for i, g := range same {
		ids[i], keys[i], explanations[i] = g.businessID, g.key, g.explanation
	}
	_, err := tx.Exec(ctx, `UPDATE risk_grades_current c SET explanation = v.explanation, graded_on = $4
		FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(business_id, grade_key, explanation)
		WHERE c.business_id = v.business_id AND `+gradeKeySQL+` = v.grade_key`, ids, keys, explanations, at)
	return err
}

// replaceCurrentPostgres replaces the latest gradings of the businesses of grades, or
// inserts them, the rows passed as arrays.
func replaceCurrentPostgres(ctx context.Context, tx pgx.Tx, at time.Time, grades []storedGrade) error {
	if len(grades) == 0 {
		return nil
	}
	ids, schemes, letters, priorities, refs, explanations := make([]int64, len(grades)), make([]string, len(grades)),
		make([]string, len(grades)), make([]int16, len(grades)), make([]string, len(grades)), make([]string, len(grades))
	for i, g := range grades {
		ids[i], schemes[i], letters[i], priorities[i], refs[i], explanations[i] = g.businessID, string(g.scheme),
			string(g.grade), int16(boolInt(g.priority)), g.refs, g.explanation
	}
	_, err := tx.Exec(ctx, `INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs, explanation, graded_on)
		SELECT business_id, scheme, grade, priority, rule_refs, explanation, $7
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::text[])
			AS v(business_id, scheme, grade, priority, rule_refs, explanation)
		ON CONFLICT (business_id) DO UPDATE SET scheme = excluded.scheme, grade = excluded.grade,
			priority = excluded.priority, rule_refs = excluded.rule_refs, explanation = excluded.explanation,
			graded_on = excluded.graded_on`, ids, schemes, letters, priorities, refs, explanations, at)
	return err
}
