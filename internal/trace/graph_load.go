package trace

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/shejian/shejian/internal/trace/graph"
	"golang.org/x/sync/errgroup"
)

const (
	// loadBatch is how many events LoadIndex hands the index at a time.
	loadBatch = 4096
	// uriReaders is how many ranges of epcis_uris LoadIndex reads at once (the read pool
	// holds at least as many connections, see store.openSQLite), and uriChunkRows how many
	// rows a range holds.
	uriReaders   = 2
	uriChunkRows = 65536
	// linksRangeIDs is how many ids of epcis_events a read of links spans (linksSQL).
	linksRangeIDs = 1 << 18
)

// LoadIndex adds every stored event to ix, in row order, as the server does at start:
// events declared erroneous and the declarations themselves are left out, as the index
// would retract them. It reads each event's links record (links.go) and key in row order
// while another goroutine decodes the previous batch, adds it and files the keys, which
// capture and the queries by eventID look up (event_keys.go), sorted once all are read
// (key_rows.go). The keys come with the links rather than from a walk of their own: on
// PostgreSQL, whose index on them answers only after a vacuum, that walk read every row
// again, and took minutes at ten million events.
// progress, when set, is told the id of the last row done and the largest.
func (s *Store) LoadIndex(ctx context.Context, ix *graph.Index, progress func(done, total int64)) (int64, error) {
	return s.loadIndex(ctx, ix, progress, linksRangeIDs)
}

// loadIndex is LoadIndex reading the links in ranges of rangeIDs ids.
func (s *Store) loadIndex(ctx context.Context, ix *graph.Index, progress func(done, total int64), rangeIDs int64) (int64, error) {
	uris, err := s.loadURIs(ctx, uriChunkRows)
	if err != nil {
		return 0, err
	}
	// The rows are told by their ids, which capture gives one after another and nothing
	// deletes: the largest is read from the primary key, where a count would read every row
	// (seconds at ten million on PostgreSQL).
	total, err := maxID(ctx, PoolReader{s.st.ReadDB()}, "epcis_events")
	if err != nil {
		return 0, err
	}
	s.keys.reserve(total)
	g, gctx := errgroup.WithContext(ctx)
	batches := make(chan []storedLinks, 4)
	g.Go(func() error { return streamRanges(gctx, s.st.ReadDB(), linksSQL, rangeIDs, total, batches, scanLinks) })
	var added int64
	g.Go(func() error {
		for batch := range batches {
			s.keys.addLoaded(batch)
			events, err := decodeBatch(batch, uris)
			if err != nil {
				return err
			}
			if err := ix.AddBatch(events); err != nil {
				return fmt.Errorf("index events: %w", err)
			}
			added += int64(len(events))
			if progress != nil {
				progress(batch[len(batch)-1].row, total)
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return 0, fmt.Errorf("load trace index: %w", err)
	}
	s.keys.sortLoaded()
	// The keys of the events stored since the read began.
	if err := s.keys.catchUp(ctx, PoolReader{s.st.ReadDB()}); err != nil {
		return 0, fmt.Errorf("load trace index: %w", err)
	}
	return added, nil
}

// linksSQL reads the links and keys of the events of a range of ids in row order. Read in
// ranges, PostgreSQL walks the primary key whatever its statistics say: asked for every
// row at once, of ten million events captured since it last analysed the table, it planned
// a parallel scan of the whole table and a sort of every row on disk, and the rebuild took
// 28.6–29.9 s against 23.8–24.5 s in ranges. SQLite walks the index that covers the columns
// (migration 0036), in ranges as at once (24.0–24.2 s against 22.8–24.9).
const linksSQL = `SELECT id, event_key, declaration OR declared_ms IS NOT NULL, links FROM epcis_events
	WHERE id > $1 AND id <= $2 ORDER BY id`

// storedLinks is an event row's key and links record, and whether the event is withdrawn
// from the index: an error declaration, or declared erroneous.
type storedLinks struct {
	row       int64
	key       int64
	withdrawn bool
	links     []byte
}

func scanLinks(rows *sql.Rows) (storedLinks, error) {
	var l storedLinks
	err := rows.Scan(&l.row, &l.key, &l.withdrawn, &l.links)
	return l, err
}

// decodeBatch is the index's view of the events of batch that are not withdrawn.
func decodeBatch(batch []storedLinks, uris []string) ([]graph.Event, error) {
	out := make([]graph.Event, 0, len(batch))
	for _, l := range batch {
		if l.withdrawn {
			continue
		}
		e, err := decodeLinks(l.row, l.links, uris)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// streamRanges runs query, which takes a range of ids (after $1, up to $2), over the ids
// up to last in ranges of rangeIDs, the last range open, so that rows stored meanwhile are
// read too; it sends the rows, scanned, in batches of loadBatch on out, which it closes.
func streamRanges[T any](ctx context.Context, db *sql.DB, query string, rangeIDs, last int64, out chan<- []T,
	scan func(*sql.Rows) (T, error)) error {
	defer close(out)
	batch := make([]T, 0, loadBatch)
	for from := int64(0); ; from += rangeIDs {
		to := from + rangeIDs
		if to >= last {
			to = math.MaxInt64
		}
		var err error
		if batch, err = streamRange(ctx, db, query, from, to, batch, out, scan); err != nil {
			return err
		}
		if to == math.MaxInt64 {
			break
		}
	}
	if len(batch) > 0 {
		out <- batch
	}
	return nil
}

// streamRange reads the rows of query from (excluded) to to, appending them to batch and
// sending it on out whenever it holds loadBatch; it returns what is left of it.
func streamRange[T any](ctx context.Context, db *sql.DB, query string, from, to int64, batch []T, out chan<- []T,
	scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		if batch = append(batch, v); len(batch) == loadBatch {
			select {
			case out <- batch:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			batch = make([]T, 0, loadBatch)
		}
	}
	return batch, rows.Err()
}

// loadURIs reads every interned URI into a slice indexed by its id, in ranges of chunkRows
// ids, uriReaders at once: the URIs of ten million events are some four million rows, read
// before any event can be decoded. Two ranges at once read those of two million events in
// 0.33 s instead of 0.43 on SQLite, 0.30 instead of 0.36–0.43 on PostgreSQL (issue 4).
func (s *Store) loadURIs(ctx context.Context, chunkRows int64) ([]string, error) {
	r := PoolReader{s.st.ReadDB()}
	last, err := maxID(ctx, r, "epcis_uris")
	if err != nil {
		return nil, err
	}
	uris := make([]string, last+1)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(uriReaders)
	for from := int64(0); from < last; from += chunkRows {
		g.Go(func() error { return readURIs(gctx, r, from, min(from+chunkRows, last), uris) })
	}
	return uris, g.Wait()
}

// readURIs reads the URIs of ids from (excluded) to to into uris.
func readURIs(ctx context.Context, r TxReader, from, to int64, uris []string) error {
	err := r.Query(ctx, `SELECT id, uri FROM epcis_uris WHERE id > $1 AND id <= $2`, []any{from, to}, func(scan func(...any) error) error {
		var id int64
		var uri string
		if err := scan(&id, &uri); err != nil {
			return err
		}
		uris[id] = uri
		return nil
	})
	if err != nil {
		return fmt.Errorf("read uris after %d: %w", from, err)
	}
	return nil
}
