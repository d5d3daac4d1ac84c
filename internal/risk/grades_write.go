package risk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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
// On PostgreSQL the first grading of a business is inserted as such (with COPY, as the
// history is appended: grades_write_postgres.go), which costs half as much as an insert
// that would replace a row there; should a grading of one of them have been written since
// they were read, the transaction is written again, replacing.
func (s *Service) writeGrades(ctx context.Context, at time.Time, grades []storedGrade) error {
	same, changed := partitionChanged(grades)
	at, now := at.UTC(), time.Now().UTC()
	write := func(firsts bool) error {
		var err error
		if s.st.Dialect() == store.Postgres {
			err = s.st.PgxTx(ctx, func(tx pgx.Tx) error {
				return writeGradesPostgres(ctx, tx, at, now, same, changed, firsts)
			})
		} else {
			err = s.st.Tx(ctx, func(tx *sql.Tx) error {
				return writeGradesSQLite(ctx, tx, at, now, same, changed)
			})
		}
		if err != nil {
			return fmt.Errorf("write risk grades: %w", store.Normalize(err))
		}
		return nil
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
