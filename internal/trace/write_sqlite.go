package trace

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/shejian/shejian/internal/store"
)

// sqliteWriter writes on a SQLite transaction, rows in multi-row INSERT statements prepared
// once for the life of the database (sqliteStatements): SQLite takes a good part of the
// time it runs a statement of hundreds of rows to parse it.
type sqliteWriter struct {
	tx      *sql.Tx
	inserts map[insertKey]*sql.Stmt
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

// insertRows are the numbers of rows an INSERT statement writes: the rows of a table go
// in as many statements of the largest as fit, then of the smaller ones.
var insertRows = []int{store.BatchSize, 64, 8, 1}

// insertKey names a prepared INSERT statement: its table and its rows.
type insertKey struct {
	table *table
	rows  int
}

func (w *sqliteWriter) insert(ctx context.Context, t *table, args []any) error {
	width := len(t.cols)
	n := len(args) / width
	for from := 0; from < n; {
		k := insertRows[len(insertRows)-1]
		for _, size := range insertRows {
			if size <= n-from {
				k = size
				break
			}
		}
		rows := args[from*width : (from+k)*width]
		if t.rowid {
			rows = withoutRowids(rows, width)
		}
		res, err := w.tx.StmtContext(ctx, w.inserts[insertKey{t, k}]).ExecContext(ctx, rows...)
		if err != nil {
			return err
		}
		if t.rowid {
			if err := sameRowid(res, args[(from+k-1)*width]); err != nil {
				return err
			}
		}
		from += k
	}
	return nil
}

// withoutRowids returns rows of width values with the first of each row, its rowid, left
// out.
func withoutRowids(rows []any, width int) []any {
	out := make([]any, 0, len(rows)/width*(width-1))
	for i := 0; i < len(rows); i += width {
		out = append(out, rows[i+1:i+width]...)
	}
	return out
}

// sameRowid checks that SQLite gave the last row of an INSERT the id capture gave it: SQLite
// gives each row the largest rowid plus one, so the rows before it got theirs too.
func sameRowid(res sql.Result, want any) error {
	got, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if got != want.(int64) {
		return fmt.Errorf("rowid %d given to the row capture gave id %d", got, want)
	}
	return nil
}

// sqliteStatements are capture's INSERT statements on a SQLite database, each table's for
// each of insertRows. They are prepared before the first transaction that runs them (the
// write pool's one connection is the transaction's while it lasts) and kept as long as
// the database is open.
type sqliteStatements struct {
	db      *sql.DB
	mu      sync.Mutex
	inserts map[insertKey]*sql.Stmt
}

// prepared returns the statements, preparing them on first use.
func (s *sqliteStatements) prepared(ctx context.Context) (map[insertKey]*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inserts != nil {
		return s.inserts, nil
	}
	inserts := map[insertKey]*sql.Stmt{}
	for _, t := range capturedTables {
		for _, k := range insertRows {
			st, err := s.db.PrepareContext(ctx, t.batch.Text(store.SQLite, k))
			if err != nil {
				for _, st := range inserts {
					st.Close()
				}
				return nil, fmt.Errorf("prepare insert into %s: %w", t.name, err)
			}
			inserts[insertKey{t, k}] = st
		}
	}
	s.inserts = inserts
	return inserts, nil
}
