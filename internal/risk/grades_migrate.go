package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/store"
)

// Migration 0028 keeps the grades stored before it, whose explanation was the JSON of the
// whole Result: this step rewrites each explanation in the compact form, numbering the
// sources it cites as they were stored, and makes the newest grade of each business its
// latest grading.
func init() { store.RegisterDataStep("risk.compact_grades", compactGrades) }

// compactPage is how many grades a page of the conversion holds.
const compactPage = 1000

func compactGrades(ctx context.Context, tx *sql.Tx, _ store.Dialect) error {
	numbers, err := readSourceNumbers(ctx, tx)
	if err != nil {
		return err
	}
	update, err := tx.PrepareContext(ctx, `UPDATE risk_grades SET explanation = $1 WHERE id = $2`)
	if err != nil {
		return fmt.Errorf("prepare grade update: %w", err)
	}
	defer update.Close()
	for after := int64(0); ; {
		page, last, err := wholeResultGrades(ctx, tx, after)
		if err != nil {
			return err
		}
		if last == 0 {
			return fillCurrent(ctx, tx)
		}
		for id, r := range page {
			cite := citations{}
			number := func(src *Source) {
				if err == nil && src != nil {
					cite[src], err = numbers.number(ctx, tx, *src)
				}
			}
			r.eachRuleSource(number)
			number(r.Plan.PrioritySource)
			var text []byte
			if err == nil {
				text, _, err = appendStored(nil, r, cite, nil)
			}
			if err == nil {
				_, err = update.ExecContext(ctx, string(text), id)
			}
			if err != nil {
				return fmt.Errorf("compact grade %d: %w", id, err)
			}
		}
		after = last
	}
}

// fillCurrent makes the newest grade of each business its latest grading.
func fillCurrent(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO risk_grades_current (business_id, scheme, grade, priority, rule_refs,
		explanation, graded_on) SELECT business_id, scheme, grade, priority, rule_refs, explanation, graded_on
		FROM risk_grades WHERE id IN (SELECT MAX(id) FROM risk_grades GROUP BY business_id)`)
	if err != nil {
		return fmt.Errorf("fill the latest gradings: %w", store.Normalize(err))
	}
	return nil
}

// wholeResultGrades reads the next page of grades after id after, decoding those kept as
// the JSON of a whole Result; last is the highest id read, 0 at the end.
func wholeResultGrades(ctx context.Context, tx *sql.Tx, after int64) (map[int64]*Result, int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, business_id, explanation FROM risk_grades WHERE id > $1
		ORDER BY id LIMIT $2`, after, compactPage)
	if err != nil {
		return nil, 0, fmt.Errorf("read grades to compact: %w", store.Normalize(err))
	}
	defer rows.Close()
	page, last := map[int64]*Result{}, int64(0)
	for rows.Next() {
		var business int64
		var explanation string
		if err := rows.Scan(&last, &business, &explanation); err != nil {
			return nil, 0, fmt.Errorf("scan grade to compact: %w", err)
		}
		if !strings.HasPrefix(explanation, "{") {
			continue // compact already
		}
		r := &Result{}
		if err := json.Unmarshal([]byte(explanation), r); err != nil {
			return nil, 0, fmt.Errorf("decode grade %d: %w", last, err)
		}
		r.BusinessID, page[last] = business, r
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read grades to compact: %w", store.Normalize(err))
	}
	return page, last, nil
}
