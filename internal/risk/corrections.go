package risk

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// risk_event_corrections (migration 0022) names the references whose events must never
// count: a signed inspection corrected by another (seal correction), and a penalty decision
// revoked (撤销, Order 45 art. 11: the decision changed, revoked or found void). A journal
// delivers at least once and in no promised order, so the correction is kept apart from the
// event it takes out: an event whose correction came first is never recorded.

// corrected reports whether the events with reference ref were corrected, read in tx.
func corrected(ctx context.Context, tx *sql.Tx, ref string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM risk_event_corrections WHERE ref = $1`, ref).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("find corrections of %s: %w", ref, store.Normalize(err))
	}
	return n > 0, nil
}

// correctEvents notes that the events of kind with reference ref are corrected by what by
// names, and removes any already recorded, repacking the records they were in.
func correctEvents(ctx context.Context, tx *sql.Tx, d store.Dialect, kind EventKind, ref, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO risk_event_corrections (ref, corrected_by, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (ref) DO NOTHING`, ref, by, time.Now().UTC())
	var businesses []int64
	if err == nil {
		businesses, err = queryIDs(ctx, tx, `DELETE FROM risk_events WHERE kind = $1 AND ref = $2 RETURNING business_id`, string(kind), ref)
	}
	if err != nil {
		return fmt.Errorf("correct %s %s by %s: %w", kind, ref, by, store.Normalize(err))
	}
	return repackRecords(ctx, tx, d, businesses)
}

var correctedRefsSQL = store.BatchSQL{Head: `SELECT ref FROM risk_event_corrections WHERE ref IN (`, Tuple: `?`, Tail: `)`}

// correctedRefs returns which references of events were corrected, read in tx: an imported
// event naming one never counts, as a journal's never does.
func correctedRefs(ctx context.Context, tx *sql.Tx, d store.Dialect, events []BusinessEvent) (map[string]bool, error) {
	var refs []string
	for _, e := range events {
		if e.Ref != "" {
			refs = append(refs, e.Ref)
		}
	}
	b := store.NewBatches(tx, d)
	defer b.Close()
	out := map[string]bool{}
	err := inBatches(slices.Compact(slices.Sorted(slices.Values(refs))), func(args []any) error {
		rows, err := b.Query(ctx, &correctedRefsSQL, len(args), args)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ref string
			if err := rows.Scan(&ref); err != nil {
				return err
			}
			out[ref] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read corrected references: %w", store.Normalize(err))
	}
	return out, nil
}
