package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/store"
)

// sqliteRowsPerInsert is how many rows one multi-row INSERT carries; SQLite allows 32,766
// parameters per statement.
const sqliteRowsPerInsert = 256

// sqliteLoader writes with multi-row INSERTs, each statement prepared once per transaction.
type sqliteLoader struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	args  []any
}

// loadSQLite writes the whole city in one transaction.
func loadSQLite(ctx context.Context, st *store.Store, g *generator, progress func(done, total int64)) error {
	return st.Tx(ctx, func(tx *sql.Tx) error {
		l := &sqliteLoader{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer l.close()
		return load(ctx, l, g, progress)
	})
}

func (l *sqliteLoader) insert(ctx context.Context, t table, rows [][]any) error {
	per := min(max(sqliteRowsPerInsert, len(rows)), 32766/len(t.cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		stmt, err := l.stmt(ctx, t, n)
		if err != nil {
			return err
		}
		l.args = l.args[:0]
		for _, r := range rows[:n] {
			l.args = append(l.args, r...)
		}
		if _, err := stmt.ExecContext(ctx, l.args...); err != nil {
			return fmt.Errorf("insert %s: %w", t.name, store.Normalize(err))
		}
		rows = rows[n:]
	}
	return nil
}

// stmt returns the prepared INSERT of n rows into t.
func (l *sqliteLoader) stmt(ctx context.Context, t table, n int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s/%d", t.name, n)
	if s, ok := l.stmts[key]; ok {
		return s, nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.cols)), ",") + ")"
	q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	s, err := l.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare insert %s: %w", t.name, err)
	}
	l.stmts[key] = s
	return s, nil
}

func (l *sqliteLoader) hasRows(ctx context.Context, table string) (bool, error) {
	var one int
	err := l.tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" LIMIT 1").Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (l *sqliteLoader) close() {
	for _, s := range l.stmts {
		s.Close()
	}
}

// deferChecks drops the indexes of businesses that its columns' UNIQUE constraint does not
// own and returns their CREATE statements from sqlite_master.
func (l *sqliteLoader) deferChecks(ctx context.Context) ([]string, error) {
	rows, err := l.tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name`, businessTable.name)
	if err != nil {
		return nil, err
	}
	var names, restore []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return nil, err
		}
		names, restore = append(names, name), append(restore, create)
	}
	rows.Close()
	for _, name := range names {
		if err := l.exec(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return restore, rows.Err()
}

func (l *sqliteLoader) exec(ctx context.Context, q string) error {
	_, err := l.tx.ExecContext(ctx, q)
	return err
}
