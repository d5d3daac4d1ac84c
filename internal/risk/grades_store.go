package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// GradeRecord is a grading as kept in the grade history (风险等级历史).
type GradeRecord struct {
	ID         int64     `json:"id"`
	RuleRefs   string    `json:"rule_refs"`
	ComputedAt time.Time `json:"computed_at"`
	Result
}

// RuleRefs lists every rule version the grading applied, overrides included, sorted and
// separated by spaces: what a grade keeps to say what it was judged under.
func (r Result) RuleRefs() string {
	seen := map[string]bool{}
	add := func(s *Source) {
		if s != nil {
			seen[s.Ref] = true
		}
	}
	for _, l := range r.Lines {
		add(l.Source)
	}
	for _, a := range r.Adjustments {
		add(a.Source)
	}
	add(r.Band)
	add(r.BandBelow)
	add(r.Plan.Frequency)
	add(r.Plan.FullSource)
	refs := make([]string, 0, len(seen))
	for ref := range seen {
		refs = append(refs, ref)
	}
	slices.Sort(refs)
	return strings.Join(refs, " ")
}

var insertGradesSQL = store.BatchSQL{
	Head: `INSERT INTO risk_grades (business_id, scheme, rule_refs, static_points, dynamic_points, credit_points,
		total_points, scored_grade, grade, min_inspections, max_inspections, full_checklist_due, priority,
		explanation, graded_on, computed_at) VALUES `,
	Tuple: `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
}

// insertGrades appends results to the grade history inside tx.
func insertGrades(ctx context.Context, tx *sql.Tx, d store.Dialect, results []Result) error {
	b := store.NewBatches(tx, d)
	defer b.Close()
	now := time.Now().UTC()
	for first := 0; first < len(results); first += store.BatchSize {
		batch := results[first:min(first+store.BatchSize, len(results))]
		args := make([]any, 0, 16*len(batch))
		for _, r := range batch {
			explanation, err := json.Marshal(r)
			if err != nil {
				return fmt.Errorf("encode grade of business %d: %w", r.BusinessID, err)
			}
			var due any
			if r.Plan.FullChecklist != nil {
				due = r.Plan.FullChecklist.UTC()
			}
			args = append(args, r.BusinessID, string(r.Scheme), r.RuleRefs(), r.Static, r.Dynamic, r.Credit, r.Total,
				string(r.Scored), string(r.Grade), r.Plan.MinInspections, r.Plan.MaxInspections, due,
				boolInt(r.Plan.Priority), string(explanation), r.At.UTC(), now)
		}
		if err := b.Exec(ctx, &insertGradesSQL, len(batch), args); err != nil {
			return fmt.Errorf("insert risk grades: %w", store.Normalize(err))
		}
	}
	return nil
}

// History lists the grades of a business, newest first.
func (s *Service) History(ctx context.Context, businessID int64) ([]GradeRecord, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT id, rule_refs, explanation, computed_at
		FROM risk_grades WHERE business_id = $1 ORDER BY id DESC`, businessID)
	if err != nil {
		return nil, fmt.Errorf("grade history of business %d: %w", businessID, store.Normalize(err))
	}
	defer rows.Close()
	var out []GradeRecord
	for rows.Next() {
		var g GradeRecord
		var explanation string
		if err := rows.Scan(&g.ID, &g.RuleRefs, &explanation, &g.ComputedAt); err != nil {
			return nil, fmt.Errorf("scan grade: %w", err)
		}
		if err := json.Unmarshal([]byte(explanation), &g.Result); err != nil {
			return nil, fmt.Errorf("decode grade %d: %w", g.ID, err)
		}
		g.ComputedAt = g.ComputedAt.UTC()
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("grade history of business %d: %w", businessID, store.Normalize(err))
	}
	return out, nil
}
