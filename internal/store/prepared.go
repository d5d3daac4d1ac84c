package store

import (
	"context"
	"database/sql"
	"log/slog"
	"maps"
	"slices"
	"sync"
)

// SQLite parses every statement it is sent, and a statement that names a view or fires
// triggers costs tens of microseconds to compile, more than it takes to run; pgx keeps each
// statement prepared per connection on its own. ExecPrepared runs such statements, on the
// hot path of every write, from a statement parsed once per store.
//
// A SQLite store has one writer connection, which a transaction holds: a statement cannot
// be prepared on the store while one runs. So the first run of a statement is parsed as
// usual, and Tx prepares it on the store once the transaction has ended.

// preparedStmts holds the statements parsed on a SQLite store's writer connection, and
// those asked for and not yet parsed.
type preparedStmts struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool
}

// ExecPrepared runs query with args in tx, a transaction of s.Tx, as tx.ExecContext does,
// but on SQLite from a statement parsed once per store. query must be a constant: each
// distinct text stays prepared until the store closes.
func (s *Store) ExecPrepared(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if s.dialect != SQLite {
		return tx.ExecContext(ctx, query, args...)
	}
	if stmt := s.stmts.lookup(query); stmt != nil {
		return tx.StmtContext(ctx, stmt).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// lookup is the statement of query, or nil after noting that it is wanted.
func (p *preparedStmts) lookup(query string) *sql.Stmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	if stmt, ok := p.stmts[query]; ok {
		return stmt
	}
	if p.wanted == nil {
		p.wanted = map[string]bool{}
	}
	p.wanted[query] = true
	return nil
}

// prepareWanted parses the statements asked for since the last call. A statement that does
// not parse stays wanted and is logged: its runs parse it each time and report their own
// errors, and the transaction it came from has already ended and must not seem to have
// failed. The lock is not held while parsing, which waits for the writer connection that a
// transaction asking for a statement may hold.
func (p *preparedStmts) prepareWanted(ctx context.Context, db *sql.DB) {
	for _, query := range p.takeWanted() {
		stmt, err := db.PrepareContext(ctx, query)
		p.mu.Lock()
		switch {
		case err != nil:
			if p.wanted != nil { // nil once the store has closed
				p.wanted[query] = true
			}
			if ctx.Err() == nil {
				slog.Warn("prepare statement", "err", Normalize(err), "query", query)
			}
		case p.stmts[query] != nil: // prepared meanwhile by another transaction's end
			stmt.Close()
		default:
			if p.stmts == nil {
				p.stmts = map[string]*sql.Stmt{}
			}
			p.stmts[query] = stmt
		}
		p.mu.Unlock()
	}
}

// takeWanted empties the set of wanted statements and returns them.
func (p *preparedStmts) takeWanted() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	queries := slices.Collect(maps.Keys(p.wanted))
	clear(p.wanted)
	return queries
}

// close releases the prepared statements.
func (p *preparedStmts) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, stmt := range p.stmts {
		stmt.Close()
	}
	p.stmts, p.wanted = nil, nil
}
