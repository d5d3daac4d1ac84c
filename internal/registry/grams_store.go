package registry

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// writeGrams stores the search grams of a business; replace first removes the old ones.
// The two engines keep grams differently (FTS5 table, text[] with GIN), so this is one of
// the few places that asks for the dialect.
func writeGrams(ctx context.Context, tx *sql.Tx, d store.Dialect, id int64, name, address string, replace bool) error {
	grams := IndexGrams(name, address)
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM business_grams WHERE rowid = $1`, id); err != nil {
			return fmt.Errorf("delete grams: %w", err)
		}
	}
	var err error
	if d == store.Postgres {
		_, err = tx.ExecContext(ctx, `INSERT INTO business_grams (rowid, grams) VALUES ($1, $2)`, id, grams)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO business_grams (rowid, grams) VALUES ($1, $2)`, id, gramText(grams))
	}
	if err != nil {
		return fmt.Errorf("insert grams: %w", err)
	}
	return nil
}
