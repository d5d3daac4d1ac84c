package draw

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// bundleFile is the stored bundle of a drawn task, ready to be sent.
type bundleFile struct {
	bundleHead
	task int64
	code string // the task's code, which names the download
	db   *sql.DB
}

// compressed reads the gzip of the bundle, a piece at a time.
func (f *bundleFile) compressed(ctx context.Context) io.Reader {
	return &chunkReader{ctx: ctx, db: f.db, task: f.task, count: f.Chunks}
}

// saveBundle stores p as the bundle of task id in tx, unless one is stored already: a
// bundle never changes, so the first one stored stays.
func saveBundle(ctx context.Context, tx *sql.Tx, id int64, p *packedBundle) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO draw_bundles (task_id, json_size, json_sha256, gzip_size, gzip_sha256, chunks, built_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (task_id) DO NOTHING`,
		id, p.JSONSize, p.JSONSHA256, p.GzipSize, p.GzipSHA256, p.Chunks, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store draw bundle %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	for seq, piece := range p.chunks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO draw_bundle_chunks (task_id, seq, data) VALUES ($1, $2, $3)`, id, seq, piece); err != nil {
			return fmt.Errorf("store draw bundle %d piece %d: %w", id, seq, err)
		}
	}
	return nil
}

// storedBundle reads task id's code and its stored bundle, whose Chunks is 0 while none is
// stored. An unknown task is NotFound; before the draw there is no bundle (Conflict): the
// seed is still secret.
func (s *Store) storedBundle(ctx context.Context, id int64) (*bundleFile, error) {
	f := &bundleFile{task: id, db: s.st.ReadDB()}
	var status TaskStatus
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT t.code, t.status, COALESCE(b.json_size, 0), COALESCE(b.json_sha256, ''),
			COALESCE(b.gzip_size, 0), COALESCE(b.gzip_sha256, ''), COALESCE(b.chunks, 0)
		FROM draw_tasks t LEFT JOIN draw_bundles b ON b.task_id = t.id WHERE t.id = $1`, id).
		Scan(&f.code, &status, &f.JSONSize, &f.JSONSHA256, &f.GzipSize, &f.GzipSHA256, &f.Chunks))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, apperr.New(apperr.NotFound, "", nil)
	case err != nil:
		return nil, fmt.Errorf("read draw bundle %d: %w", id, err)
	case status == TaskCommitted:
		return nil, apperr.New(apperr.Conflict, "draw.task_status", nil)
	}
	return f, nil
}

// chunkReader reads the pieces of a stored bundle in order, one query each, so that no
// database connection is held while a slow client takes a piece.
type chunkReader struct {
	ctx         context.Context
	db          *sql.DB
	task        int64
	next, count int
	piece       []byte // what is left of the piece read last
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.piece) == 0 {
		if r.next == r.count {
			return 0, io.EOF
		}
		if err := r.db.QueryRowContext(r.ctx, `SELECT data FROM draw_bundle_chunks WHERE task_id = $1 AND seq = $2`, r.task, r.next).Scan(&r.piece); err != nil {
			return 0, fmt.Errorf("read draw bundle %d piece %d: %w", r.task, r.next, err)
		}
		r.next++
	}
	n := copy(p, r.piece)
	r.piece = r.piece[n:]
	return n, nil
}
