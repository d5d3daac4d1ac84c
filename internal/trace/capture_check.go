package trace

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/epcis"
)

// TxReader reads the database inside the transaction that writes a document. Captures take
// turns (see writer): what it reads is what the captures before committed, and no other
// capture commits before this one ends.
type TxReader interface {
	Query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error
}

// Check tests the events a document is about to store against the stored ones, inside the
// capture's transaction, where no concurrent capture can change them: a rule over several
// documents (a seller may not ship more than it received) holds only when it is checked
// there. fresh are the indexes, in the document's event list, of the events capture stores
// (repeats of stored events left out). The problems it returns refuse the document.
type Check func(ctx context.Context, r TxReader, fresh []int) ([]epcis.Problem, error)

// PoolReader is a TxReader on a connection pool, outside any transaction.
type PoolReader struct{ DB *sql.DB }

func (p PoolReader) Query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error {
	rows, err := p.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, row)
}

// txReader is the TxReader of a capture's writer.
type txReader struct{ w writer }

func (r txReader) Query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error {
	return r.w.query(ctx, q, args, row)
}

// checkDocument runs check, when there is one, on the records sorted out to be inserted.
func checkDocument(ctx context.Context, w writer, s *sorted, check Check) error {
	if check == nil {
		return nil
	}
	fresh := make([]int, len(s.insert))
	for i, r := range s.insert {
		fresh[i] = r.index
	}
	problems, err := check(ctx, txReader{w}, fresh)
	if err != nil {
		return fmt.Errorf("check document: %w", err)
	}
	s.problems = append(s.problems, problems...)
	return nil
}
