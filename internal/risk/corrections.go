package risk

import (
	"context"
	"database/sql"
	"fmt"
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
