package audit

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// batchRows is how many rows travel together from the reader to the hasher; batchCount
// batches circulate, so the reader can fill one while the hasher checks another.
const (
	batchRows  = 4096
	batchCount = 3
)

// span is a slice of a batch's buffer.
type span struct{ start, end int }

// chainRow is one entry as Verify checks it: its seq, the message its hash covers, its
// stored prev_hash and hash.
type chainRow struct {
	seq             int64
	msg, prev, hash span
}

// batch holds rows in one reused buffer, so that reading costs no allocation per row here.
type batch struct {
	buf  []byte
	rows []chainRow
}

func (b *batch) bytes(s span) []byte { return b.buf[s.start:s.end] }

// add encodes m and copies its stored hash into b.
func (b *batch) add(m *message[[]byte], hash []byte) {
	r := chainRow{seq: m.Seq}
	r.msg.start = len(b.buf)
	b.buf = appendMessage(b.buf, m)
	r.msg.end = len(b.buf)
	// prev_hash is the last field of the message: its bytes close it.
	r.prev = span{r.msg.end - len(m.PrevHash), r.msg.end}
	r.hash.start = len(b.buf)
	b.buf = append(b.buf, hash...)
	r.hash.end = len(b.buf)
	b.rows = append(b.rows, r)
}

// putSeq rewrites the seq of an encoded message.
func putSeq(msg []byte, seq int64) { binary.BigEndian.PutUint64(msg[seqOffset:], uint64(seq)) }

// chainSQL streams a range of the log in chain order.
const chainSQL = `SELECT seq, at_us, actor_id, actor_login, actor_role, ip, action, object_type, object_id,
	before, after, prev_hash, hash FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq`

// readChain scans the entries from seq from to to in tx into batches taken from free and
// sends each full one on full. Text columns are scanned as sql.RawBytes, valid until the
// next row, and copied into the batch at once.
func readChain(ctx context.Context, tx *sql.Tx, d store.Dialect, from, to int64, full chan<- *batch, free <-chan *batch) error {
	switch d {
	case store.Postgres:
		// The primary key is the order: never sort a million rows on disk instead.
		if _, err := tx.ExecContext(ctx, `SET LOCAL enable_sort = off`); err != nil {
			return err
		}
	case store.SQLite:
		restore, err := smallCache(ctx, tx)
		if err != nil {
			return err
		}
		defer restore()
	}
	rows, err := tx.QueryContext(ctx, chainSQL, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	var m message[[]byte]
	var actor sql.NullInt64
	var hash sql.RawBytes
	dest := []any{&m.Seq, &m.AtUS, &actor}
	for _, f := range []*[]byte{&m.ActorLogin, &m.ActorRole, &m.IP, &m.Action, &m.ObjectType, &m.ObjectID, &m.Before, &m.After, &m.PrevHash} {
		dest = append(dest, (*sql.RawBytes)(f))
	}
	dest = append(dest, &hash)
	b := take(free)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		m.ActorID, m.HasActor = actor.Int64, actor.Valid
		b.add(&m, hash)
		if len(b.rows) == batchRows {
			full <- b
			b = take(free)
		}
	}
	if len(b.rows) > 0 {
		full <- b
	}
	return rows.Err()
}

// scanCachePages is the SQLite page cache of a scan: a pass that reads every page once
// gains nothing from a large cache, and filling the connection's 64 MB one from scratch
// costs more than reading the rows (it halves the speed of a fresh connection, as the CLI's).
const scanCachePages = 256

// smallCache shrinks the page cache of tx's connection for a scan; restore puts it back,
// since the connection returns to the pool.
func smallCache(ctx context.Context, tx *sql.Tx) (restore func(), err error) {
	var pages int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&pages); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, scanCachePages)); err != nil {
		return nil, err
	}
	return func() {
		tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, pages))
	}, nil
}

// take returns an emptied batch from free.
func take(free <-chan *batch) *batch {
	b := <-free
	b.buf, b.rows = b.buf[:0], b.rows[:0]
	return b
}
