package trace

import (
	"context"
	"database/sql"
	"fmt"

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
	conn, err := s.st.DB().Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		return pgx.BeginFunc(ctx, store.PgxConn(driverConn), func(tx pgx.Tx) error {
			return fn(&postgresWriter{tx: tx})
		})
	})
}
