package registry

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// insertGrams writes the search grams of new businesses; gramsArgs gives one tuple's
// arguments.
var insertGrams = &store.BatchSQL{Head: `INSERT INTO business_grams (rowid, grams) VALUES `, Tuple: `(?,?)`}

// gramsArgs are the arguments of one insertGrams tuple for business id.
func gramsArgs(d store.Dialect, id int64, v validated) []any {
	return []any{id, GramsArg(d, id, IndexGrams(v.Name, v.Address), v.place())}
}

// place is where the validated business lies; districtID is set by the placement check.
func (v validated) place() Place {
	p := Place{District: v.districtID, Station: v.StationID}
	if v.GridID != nil {
		p.Grid = *v.GridID
	}
	return p
}

// replaceGrams indexes business id anew after an edit.
func replaceGrams(ctx context.Context, tx *sql.Tx, d store.Dialect, id int64, v validated) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM business_grams WHERE rowid = $1`, id); err != nil {
		return fmt.Errorf("delete grams: %w", err)
	}
	if _, err := tx.ExecContext(ctx, insertGrams.Text(d, 1), gramsArgs(d, id, v)...); err != nil {
		return fmt.Errorf("insert grams: %w", err)
	}
	return nil
}
