package trace

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"

	"github.com/shejian/shejian/internal/store"
)

// inTx runs fn in one transaction of the write pool, committing when fn returns nil. On
// PostgreSQL the transaction is pgx's own, on a connection taken from the pool, for COPY.
func (s *Store) inTx(ctx context.Context, fn func(w writer) error) error {
	if s.st.Dialect() == store.SQLite {
		inserts, err := s.sqlite.prepared(ctx)
		if err != nil {
			return err
		}
		return s.st.Tx(ctx, func(tx *sql.Tx) error {
			return fn(&sqliteWriter{tx: tx, inserts: inserts})
		})
	}
	return s.st.PgxTx(ctx, func(tx pgx.Tx) error { return fn(&postgresWriter{tx: tx}) })
}
