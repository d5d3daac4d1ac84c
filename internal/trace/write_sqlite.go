package trace

import (
	"context"
	"database/sql"

	"github.com/shejian/shejian/internal/store"
)

// sqliteWriter writes on a SQLite transaction, rows in multi-row INSERT statements of up
// to store.BatchSize rows.
type sqliteWriter struct {
	tx      *sql.Tx
	batches *store.Batches
}

func (w *sqliteWriter) dialect() store.Dialect { return store.SQLite }

func (w *sqliteWriter) exec(ctx context.Context, q string, args ...any) error {
	_, err := w.tx.ExecContext(ctx, q, args...)
	return err
}

func (w *sqliteWriter) query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error {
	rows, err := w.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, row)
}

func (w *sqliteWriter) insert(ctx context.Context, t *table, args []any) error {
	width := len(t.cols)
	n := len(args) / width
	for from := 0; from < n; from += store.BatchSize {
		k := min(store.BatchSize, n-from)
		if err := w.batches.Exec(ctx, t.batch, k, args[from*width:(from+k)*width]); err != nil {
			return err
		}
	}
	return nil
}
