package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL every statement of a transaction costs a round trip to the server, and a
// statement that only appends (an audit entry) has nothing to tell the transaction that it
// needs to know before the end. ExecAtCommit holds such a statement back and sends it with
// the COMMIT, in one pipeline answered at once, so it costs no round trip of its own.
//
// database/sql sends the COMMIT itself, so the pool's connections are wrapped
// (commitPipelineConn): a held statement is noted on the connection's open transaction, and
// that transaction's Commit sends the held statements and the COMMIT as one batch. The
// server runs a batch in order and, after an error, skips everything up to its end, COMMIT
// included; the transaction is then rolled back.

// heldKey marks the context of a statement to hold until the commit; its value names the
// statement for errors.
type heldKey struct{}

// heldStatement is a statement held until its transaction commits.
type heldStatement struct {
	what  string
	query string
	args  []any
}

// ExecAtCommit runs query with args in tx, a transaction of s, no later than when tx
// commits; what names the statement in errors. On SQLite it runs at once. On PostgreSQL it
// runs just before the COMMIT, in the same round trip, and an error in it fails the commit
// and rolls tx back, with what in the message.
//
// The statement must not be one whose result the transaction needs, nor one that later
// statements of tx must see. It must fail rather than change nothing: on PostgreSQL its
// outcome is known only at the commit, when it is too late to decide not to commit, so the
// result returned for it reports one row changed.
func (s *Store) ExecAtCommit(ctx context.Context, tx *sql.Tx, what, query string, args ...any) (sql.Result, error) {
	if s.dialect == Postgres {
		ctx = context.WithValue(ctx, heldKey{}, what)
		return tx.ExecContext(ctx, query, args...)
	}
	res, err := s.ExecPrepared(ctx, tx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, Normalize(err))
	}
	return res, nil
}

// commitPipelineConnector opens the pool's connections wrapped.
type commitPipelineConnector struct{ driver.Connector }

func (c commitPipelineConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &commitPipelineConn{Conn: conn.(*stdlib.Conn)}, nil
}

// commitPipelineConn is a pgx connection whose transactions can hold statements until they
// commit. Embedding keeps every optional interface of the pgx driver (contexts, named
// values, session reset), which database/sql looks for by type assertion.
type commitPipelineConn struct {
	*stdlib.Conn
	tx *commitPipelineTx // the open transaction, nil outside one
}

func (c *commitPipelineConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.tx = &commitPipelineTx{conn: c, tx: tx, ctx: ctx}
	return c.tx, nil
}

func (c *commitPipelineConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	what, held := ctx.Value(heldKey{}).(string)
	if !held || c.tx == nil {
		return c.Conn.ExecContext(ctx, query, args)
	}
	values := make([]any, len(args))
	for i, a := range args {
		values[i] = a.Value
	}
	c.tx.held = append(c.tx.held, heldStatement{what: what, query: query, args: values})
	return driver.RowsAffected(1), nil
}

// commitPipelineTx is a transaction of a commitPipelineConn.
type commitPipelineTx struct {
	conn *commitPipelineConn
	tx   driver.Tx
	ctx  context.Context // the context the transaction began with, as pgx's own Commit uses
	held []heldStatement
}

func (t *commitPipelineTx) Commit() error {
	t.conn.tx = nil
	if len(t.held) == 0 {
		return t.tx.Commit()
	}
	pc := t.conn.Conn.Conn()
	if err := sendWithCommit(t.ctx, pc, t.held); err != nil {
		// A failed batch leaves the transaction aborted; end it so the connection is clean.
		if pc.PgConn().TxStatus() != 'I' {
			if rbErr := t.tx.Rollback(); rbErr != nil {
				return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
			}
		}
		return err
	}
	return nil
}

func (t *commitPipelineTx) Rollback() error {
	t.conn.tx = nil
	return t.tx.Rollback()
}

// sendWithCommit sends held and then COMMIT in one batch and reads their answers.
func sendWithCommit(ctx context.Context, pc *pgx.Conn, held []heldStatement) (err error) {
	b := &pgx.Batch{}
	for _, h := range held {
		b.Queue(h.query, h.args...)
	}
	b.Queue("COMMIT")
	results := pc.SendBatch(ctx, b)
	defer func() {
		if closeErr := results.Close(); err == nil && closeErr != nil {
			err = fmt.Errorf("commit: %w", closeErr)
		}
	}()
	for _, h := range held {
		if _, err := results.Exec(); err != nil {
			return fmt.Errorf("%s: %w", h.what, Normalize(err))
		}
	}
	tag, err := results.Exec()
	if err != nil {
		return fmt.Errorf("commit: %w", Normalize(err))
	}
	if tag.String() == "ROLLBACK" {
		return errors.New("commit: the server rolled the transaction back")
	}
	return nil
}

// PgxTx runs fn in one transaction of pgx itself, for work that needs it (COPY), on a
// connection of the write pool (PostgreSQL), committing when fn returns nil.
func (s *Store) PgxTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		return pgx.BeginFunc(ctx, driverConn.(*commitPipelineConn).Conn.Conn(), fn)
	})
	if err != nil {
		// Cancelled halfway through a COPY, pgx closes the connection and answers "use of
		// closed network connection", which does not say why: the context's error does.
		err = errors.Join(ctx.Err(), err)
	}
	return err
}
