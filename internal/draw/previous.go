package draw

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// The inspectors of a business's previous inspection step aside in its next draw (回避).
// Its previous inspection is the latest the bureau knows of, from either side: the last
// draw that assigned the business (its inspection still to come, or done as drawn), or the
// last inspection signed, drawn or not, which internal/inspect records and this package
// reads by SQL, as inspect reads the draw's rows. The later of the two counts, both on a
// tie: the rule names the one inspection before, and a drawn inspection once signed says
// who really went there.

// previousDrawSQL gives the inspectors of each business's latest drawn assignment, with
// when it was drawn.
const previousDrawSQL = `SELECT a.business_id, t.drawn_at, ai.person_id
	FROM draw_assignments a
	JOIN draw_tasks t ON t.id = a.task_id
	JOIN draw_assignment_inspectors ai ON ai.task_id = a.task_id AND ai.seq = a.seq
	WHERE a.task_id = (SELECT MAX(x.task_id) FROM draw_assignments x WHERE x.business_id = a.business_id)`

// previousSignedSQL gives the inspectors of each business's latest signed inspection, with
// when it was signed; inspections still under way have done nothing yet.
const previousSignedSQL = `SELECT i.business_id, i.signed_at, ii.person_id
	FROM (SELECT business_id, MAX(signed_at) AS at FROM inspections WHERE status = 'signed' GROUP BY business_id) l
	JOIN inspections i ON i.business_id = l.business_id AND i.signed_at = l.at AND i.status = 'signed'
	JOIN inspection_inspectors ii ON ii.inspection_id = i.id`

// visit is the previous inspection of a business as read so far: when, and by whom.
type visit struct {
	at         time.Time
	inspectors []string
}

// readPrevious sets the previous inspectors of entities, found by business ID in index.
func readPrevious(ctx context.Context, tx *sql.Tx, entities []Entity, index map[int64]int) error {
	latest := map[int]visit{} // by entity position
	for _, query := range []string{previousDrawSQL, previousSignedSQL} {
		err := eachRow(ctx, tx, query, nil, func(rows *sql.Rows) error {
			var business, person int64
			var at time.Time
			if err := rows.Scan(&business, &at, &person); err != nil {
				return err
			}
			if i, ok := index[business]; ok {
				latest[i] = latest[i].keepLatest(at, strconv.FormatInt(person, 10))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for i, v := range latest {
		entities[i].PreviousInspectors = v.inspectors
	}
	return nil
}

// keepLatest adds person, one of the inspectors of an inspection at at, to v if it is as
// late, or starts v over if it is later.
func (v visit) keepLatest(at time.Time, person string) visit {
	switch {
	case v.inspectors == nil || at.After(v.at):
		return visit{at: at, inspectors: []string{person}}
	case at.Equal(v.at):
		v.inspectors = append(v.inspectors, person)
	}
	return v
}
