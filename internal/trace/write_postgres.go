package trace

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/shejian/shejian/internal/store"
)

// postgresWriter writes on a PostgreSQL transaction of pgx itself, rows with COPY.
type postgresWriter struct{ tx pgx.Tx }

func (w *postgresWriter) dialect() store.Dialect { return store.Postgres }

// Statements are planned at each execution (QueryExecModeExec), for the tables as they are
// then: a plan cached while a table was small (a scan of all its rows) would be kept as it
// grows to millions, and capture's tables start empty.

func (w *postgresWriter) exec(ctx context.Context, q string, args ...any) error {
	_, err := w.tx.Exec(ctx, q, append([]any{pgx.QueryExecModeExec}, args...)...)
	return err
}

func (w *postgresWriter) query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error {
	rows, err := w.tx.Query(ctx, q, append([]any{pgx.QueryExecModeExec}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, row)
}

func (w *postgresWriter) insert(ctx context.Context, t *table, args []any) error {
	width := len(t.cols)
	rows := pgx.CopyFromSlice(len(args)/width, func(i int) ([]any, error) {
		return args[i*width : (i+1)*width], nil
	})
	_, err := w.tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, rows)
	return err
}
