package credit

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// Records entered before the credit file announced its changes (TopicRecordChanged) are
// announced once by migration 0035, as they stand, so that risk grading takes their
// penalties, revocations and listings into the record as it takes those entered since.
func init() { store.RegisterDataStep("credit.announce_records", announceAll) }

func announceAll(ctx context.Context, tx *sql.Tx, _ store.Dialect) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+recordColumns+` FROM credit_records ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read credit records to announce: %w", store.Normalize(err))
	}
	var records []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("scan credit record: %w", err)
		}
		records = append(records, r)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read credit records to announce: %w", store.Normalize(err))
	}
	// Announced only once read: SQLite's one connection cannot write while it reads.
	for _, r := range records {
		if err := announce(ctx, tx, r); err != nil {
			return fmt.Errorf("announce credit record %d: %w", r.ID, err)
		}
	}
	return nil
}
