package trace

import (
	"context"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/store"
)

// writer is the transaction capture writes documents in (group.go). The engines differ in
// how rows go in fastest: multi-row INSERT statements on SQLite (write_sqlite.go), COPY on
// PostgreSQL (write_postgres.go). Captures are serialised: SQLite has one writer, and on
// PostgreSQL the transaction begins by locking epcis_events (inWriteTx), since capture
// gives the ids of events and URIs itself and decides repeats from what is stored.
type writer interface {
	dialect() store.Dialect
	exec(ctx context.Context, q string, args ...any) error
	// query runs q and calls row with a scanner for each row of its answer.
	query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error
	// insert writes rows into t, args holding the rows' values one after the other.
	insert(ctx context.Context, t *table, args []any) error
}

// rowReader is an answer of either engine: *sql.Rows or pgx.Rows.
type rowReader interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// eachRow calls row with a scanner for each row of rows.
func eachRow(rows rowReader, row func(scan func(dest ...any) error) error) error {
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// table is a table capture writes, with its columns in the order of the rows' values.
type table struct {
	name  string
	cols  []string
	batch *store.BatchSQL // the multi-row INSERT, for SQLite
	// rowid says that the first column is the table's INTEGER PRIMARY KEY, which the
	// multi-row INSERT leaves SQLite to fill (see newTable).
	rowid bool
}

// newTable returns a table with its multi-row INSERT for SQLite. A statement that writes
// several rows and may stop halfway makes SQLite copy every page it changes to a statement
// journal first, to undo the statement alone; that copying cost capture an eighth of its
// transaction, and capture never goes on after a failed statement: it rolls the whole
// transaction back. So the INSERT is OR FAIL, which keeps the rows written before a failure,
// and a table whose ids are its rowids (rowid) takes them from SQLite, which gives the
// next rowids in order, the ids capture gave: an INTEGER PRIMARY KEY given in a multi-row
// INSERT beside an index takes the journal whatever the conflict clause.
func newTable(name string, rowid bool, cols ...string) *table {
	written := cols
	if rowid {
		written = cols[1:]
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(written)), ",") + ")"
	return &table{name: name, cols: cols, rowid: rowid,
		batch: &store.BatchSQL{Head: "INSERT OR FAIL INTO " + name + " (" + strings.Join(written, ", ") + ") VALUES ", Tuple: tuple}}
}

// writeDocument stores the records of p for job in w, unless one clashes with a stored
// event: then the problems of what it returns are set, and the caller rolls w back. It
// gives the job its id and its count of stored events; what it returns says which records
// it wrote (with their rows) and which stored events it marked declared. Its ticket sales
// are checked against what their sellers hold (ticket_sales.go), and check, when set, tests
// the records to insert too: their problems are clashes too.
func (s *Store) writeDocument(ctx context.Context, w writer, job *Job, p *prepared, check Check) (sorted, error) {
	stored, err := storedIDs(ctx, w, &s.keys, p.records)
	if err != nil {
		return sorted{}, err
	}
	out := sortOut(p, stored)
	if len(out.problems) == 0 {
		if err := checkTicketSales(ctx, w, &out, p.base); err != nil {
			return out, err
		}
		if err := checkDocument(ctx, w, &out, check); err != nil {
			return out, err
		}
	}
	if len(out.problems) > 0 {
		return out, nil
	}
	job.Stored = len(out.insert)
	if err := insertJob(ctx, w, job); err != nil {
		return out, err
	}
	uris, err := internURIs(ctx, w, out.insert, p.uris)
	if err != nil {
		return out, err
	}
	if err := insertEvents(ctx, w, job, out.insert, uris); err != nil {
		return out, err
	}
	for _, m := range out.marks {
		if err := w.exec(ctx, `UPDATE epcis_events SET declared_ms = $1 WHERE id = $2`, m.ms, m.row); err != nil {
			return out, fmt.Errorf("mark event %d declared: %w", m.row, err)
		}
	}
	return out, nil
}

// maxID returns the largest id of table, 0 when it is empty.
func maxID(ctx context.Context, r TxReader, table string) (int64, error) {
	var id int64
	err := r.Query(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table, nil, func(scan func(...any) error) error {
		return scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("last id of %s: %w", table, err)
	}
	return id, nil
}
