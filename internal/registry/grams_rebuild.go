package registry

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// A migration that changes what the search index holds of a business (0012 on SQLite)
// rebuilds it with this step: the grams are computed here, not in SQL.
func init() { store.RegisterDataStep("registry.regram", regram) }

// regram rebuilds the search keys of every business from its name, address and place, a
// batch of businesses at a time.
func regram(ctx context.Context, tx *sql.Tx, d store.Dialect) error {
	empty := `DELETE FROM business_grams`
	if d == store.SQLite {
		empty = `INSERT INTO business_grams (business_grams) VALUES ('delete-all')` // FTS5's way for a contentless table
	}
	if _, err := tx.ExecContext(ctx, empty); err != nil {
		return fmt.Errorf("empty the search index: %w", err)
	}
	w := store.NewBatches(tx, d)
	defer w.Close()
	for last := int64(0); ; {
		args, n, err := gramsAfter(ctx, tx, d, &last)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		if err := w.Exec(ctx, insertGrams, n, args); err != nil {
			return fmt.Errorf("index businesses up to %d: %w", last, err)
		}
	}
	if d == store.SQLite { // one segment, so that later edits merge nothing of the rebuild
		if _, err := tx.ExecContext(ctx, `INSERT INTO business_grams (business_grams) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("merge the search index: %w", err)
		}
	}
	return nil
}

// gramsAfter returns the insertGrams arguments of the next batch of businesses after id
// *last and how many there are, and moves *last to the last of them.
func gramsAfter(ctx context.Context, tx *sql.Tx, d store.Dialect, last *int64) ([]any, int, error) {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT id, name, address, district_id, station_id, grid_id
		FROM businesses WHERE id > $1 ORDER BY id LIMIT %d`, store.BatchSize), *last)
	if err != nil {
		return nil, 0, fmt.Errorf("read businesses after %d: %w", *last, err)
	}
	defer rows.Close()
	var args []any
	n := 0
	for rows.Next() {
		var id int64
		var name, address string
		var at Place
		var grid sql.NullInt64
		if err := rows.Scan(&id, &name, &address, &at.District, &at.Station, &grid); err != nil {
			return nil, 0, fmt.Errorf("read business: %w", err)
		}
		at.Grid = grid.Int64
		args = append(args, id, GramsArg(d, id, IndexGrams(name, address), at))
		*last, n = id, n+1
	}
	return args, n, rows.Err()
}
