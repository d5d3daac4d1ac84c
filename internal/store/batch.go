package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// BatchSize is how many rows one batch statement writes or looks up: 500 rows of up to 65
// arguments stay under both engines' bound on arguments (SQLite 32,766, PostgreSQL 65,535).
const BatchSize = 500

// BatchSQL is a statement over many rows: Head, then Tuple once per row (separated by
// commas), then Tail. ? marks an argument of the tuple.
type BatchSQL struct{ Head, Tuple, Tail string }

// Text is the statement for n rows. PostgreSQL numbers the arguments $1, $2, …; SQLite
// keeps ?, since it looks a named argument ($1 is a name there) up among all the names
// when binding it, which makes binding thousands of them slow.
func (b *BatchSQL) Text(d Dialect, n int) string {
	var q strings.Builder
	q.WriteString(b.Head)
	arg := 0
	for i := range n {
		if i > 0 {
			q.WriteByte(',')
		}
		for _, c := range []byte(b.Tuple) {
			switch {
			case c != '?' || d == SQLite:
				q.WriteByte(c)
			default:
				arg++
				q.WriteString("$" + strconv.Itoa(arg))
			}
		}
	}
	q.WriteString(b.Tail)
	return q.String()
}

// BatchDB is a transaction or a pool.
type BatchDB interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Batches runs batch statements on one transaction or pool. The statement of a full batch
// is prepared on first use and reused until close; a shorter batch runs once unprepared.
type Batches struct {
	db      BatchDB
	dialect Dialect
	full    map[*BatchSQL]*sql.Stmt
}

// NewBatches returns a runner of batch statements on db.
func NewBatches(db BatchDB, d Dialect) *Batches {
	return &Batches{db: db, dialect: d, full: map[*BatchSQL]*sql.Stmt{}}
}

// Close releases the prepared statements.
func (s *Batches) Close() {
	for _, st := range s.full {
		st.Close()
	}
}

// Query runs b for n rows.
func (s *Batches) Query(ctx context.Context, b *BatchSQL, n int, args []any) (*sql.Rows, error) {
	if n != BatchSize {
		return s.db.QueryContext(ctx, b.Text(s.dialect, n), args...)
	}
	st, err := s.prepared(ctx, b)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// Exec runs b for n rows.
func (s *Batches) Exec(ctx context.Context, b *BatchSQL, n int, args []any) error {
	var err error
	if n != BatchSize {
		_, err = s.db.ExecContext(ctx, b.Text(s.dialect, n), args...)
		return err
	}
	st, err := s.prepared(ctx, b)
	if err == nil {
		_, err = st.ExecContext(ctx, args...)
	}
	return err
}

func (s *Batches) prepared(ctx context.Context, b *BatchSQL) (*sql.Stmt, error) {
	if st, ok := s.full[b]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, b.Text(s.dialect, BatchSize))
	if err != nil {
		return nil, err
	}
	s.full[b] = st
	return st, nil
}

// Dialect reports the engine the statements are written for.
func (s *Batches) Dialect() Dialect { return s.dialect }
