package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// The page cache of an SQLite connection, in KiB: a reader of the pool keeps a large one, a
// connection lent for a scan (ScanConn) a small one, and the writer the largest. The
// writer's cache is never emptied, as no other connection commits, so it keeps the pages
// of the indexes that every write changes at random places; SQLite allocates them as they
// are read, so a small database takes little. At ten million events those indexes outgrow
// 64 MB, and the writer read back from the file much of what it wrote: capturing 5M events
// went from 13,686 to 15,032 events/s with the larger cache (issue 4).
const (
	poolCacheKiB  = 65536
	scanCacheKiB  = 2000
	writeCacheKiB = 1 << 20
)

// scanMapBytes is how much of an SQLite database a connection lent for a scan maps into
// memory (SQLite caps it at its compiled limit, 2 GB on Linux): pages it reads from the map
// are not copied into buffers of its page cache, which SQLite allocates page by page and
// frees at every read transaction that begins after a commit, where each buffer handed back
// can cost a system call. A recompute of a million grades on SQLite, mean of three runs
// each, on a virtual machine where system calls are dear: first gradings 10.29 → 9.27 s,
// every grade changed 14.03 → 11.21 s, none changed 8.60 → 5.90 s. The pool's other
// connections map nothing (see openSQLite), as a process's resident memory counts a mapped
// page once for each connection that touched it; a scan is one connection at a time, and
// gives its map up when it ends.
const scanMapBytes = 1 << 40

// ScanConn is a connection of the read pool lent for one scan (Store.ScanConn); Close gives
// it back as the pool's other connections are.
type ScanConn struct {
	*sql.Conn
	dialect Dialect
}

// ScanConn lends a connection of the read pool for a scan through most of a large table in
// many short read transactions, as a recompute of every grade reads a page of businesses at
// a time while its writer commits the page before.
//
// On SQLite the connection gets a small page cache and maps the database (scanMapBytes).
// SQLite empties a connection's cache whenever a read transaction begins after another
// connection has committed, so a scan's cache never serves a page twice while writes go on;
// a large one only grows to hold a transaction's pages, allocated one by one and freed at
// the next. With 64 MB that churn took more processor time than the reading itself. A
// recompute of a million grades, median of three runs each: first gradings 11.04 s with
// 64 MB, 9.63 s with 2 MB; grades that all changed 15.95 and 12.58 s. On PostgreSQL the
// connection is the pool's as it is.
func (s *Store) ScanConn(ctx context.Context) (*ScanConn, error) {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lend a connection for a scan: %w", Normalize(err))
	}
	c := &ScanConn{Conn: conn, dialect: s.dialect}
	if err := c.configure(ctx, scanCacheKiB, scanMapBytes); err != nil {
		c.discard()
		return nil, err
	}
	return c, nil
}

// Close gives the connection back to the pool with the pool's page cache and no map, or,
// should that fail, closes it for good.
func (c *ScanConn) Close() error {
	if err := c.configure(context.Background(), poolCacheKiB, 0); err != nil {
		c.discard()
		return err
	}
	return c.Conn.Close()
}

// configure gives the connection a page cache of kib KiB and maps up to mapBytes of the
// database on SQLite.
func (c *ScanConn) configure(ctx context.Context, kib int, mapBytes int64) error {
	if c.dialect != SQLite {
		return nil
	}
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
		return fmt.Errorf("set the page cache of a scan's connection: %w", Normalize(err))
	}
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", mapBytes)); err != nil {
		return fmt.Errorf("map the database for a scan's connection: %w", Normalize(err))
	}
	return nil
}

// discard closes the connection rather than give it back to the pool, which would lend it
// again with a page cache no one expects: a function of Raw that answers ErrBadConn makes
// database/sql close the connection it ran on.
func (c *ScanConn) discard() {
	_ = c.Raw(func(any) error { return driver.ErrBadConn })
}
