package journal

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// The only SQL that differs between the engines. Everything else in the package runs as is on
// both.

// lockClause ends a SELECT that claims rows of the table aliased alias. On PostgreSQL a
// concurrent dispatcher skips rows another one holds instead of waiting and delivering them
// again; SQLite has one writer, so a claiming transaction is alone anyway.
func lockClause(d store.Dialect, alias string) string {
	if d == store.Postgres {
		return " FOR UPDATE OF " + alias + " SKIP LOCKED"
	}
	return ""
}

// horizonSQL yields the commit horizon: no entry with a txid below it can still become
// visible (see the package doc). PostgreSQL: the oldest transaction still running. SQLite:
// past the last entry, since the only writer is the caller.
func horizonSQL(d store.Dialect) string {
	if d == store.Postgres {
		return `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint`
	}
	return `SELECT coalesce(max(id), 0) + 1 FROM journal_entries`
}

// horizon reads the commit horizon in tx. It must run before the statements that read the
// entries it vouches for.
func horizon(ctx context.Context, tx *sql.Tx, d store.Dialect) (int64, error) {
	var h int64
	if err := tx.QueryRowContext(ctx, horizonSQL(d)).Scan(&h); err != nil {
		return 0, fmt.Errorf("commit horizon: %w", err)
	}
	return h, nil
}
