package trace

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/shejian/shejian/internal/store"
)

// inTx runs fn in one transaction of the write pool, committing when fn returns nil. On
// PostgreSQL the transaction is pgx's own, on a connection taken from the pool, for COPY.
func inTx(ctx context.Context, st *store.Store, fn func(w writer) error) error {
	if st.Dialect() == store.SQLite {
		return st.Tx(ctx, func(tx *sql.Tx) error {
			b := store.NewBatches(tx, store.SQLite)
			defer b.Close()
			return fn(&sqliteWriter{tx: tx, batches: b})
		})
	}
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		return pgx.BeginFunc(ctx, driverConn.(*stdlib.Conn).Conn(), func(tx pgx.Tx) error {
			return fn(&postgresWriter{tx: tx})
		})
	})
}
