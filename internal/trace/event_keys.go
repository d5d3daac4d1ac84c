package trace

import (
	"context"
	"fmt"
	"sync"
)

// The rows of the stored events by eventID are kept in memory, not in an index of the
// database. Every new event put one entry at a random place of an index on event_key, so
// that each commit wrote about one page of that index to the log per event it stored, the
// largest single share of capture's writes at ten million events (issue 4). Rows are only
// added, with ids in order. LoadIndex at start reads every key beside the links of its
// rows; a capture files the rows it commits (addCommitted); and each time the keys are
// needed, the process reads those of the rows stored since it last looked (keysSinceSQL),
// along an index that grows at its end only: so a capture or query of another process is
// seen as soon as it commits. A key may name rows of several eventIDs (it is a digest):
// callers compare event_id on the rows, as they did on the rows the index gave.
//
// Error declarations and declared events, which queries look up by eventID inside their
// SQL, keep a partial index (epcis_events_declared).

// eventKeys are the rows of the stored events by their keys (eventKey).
type eventKeys struct {
	mu      sync.Mutex
	last    int64 // the largest row read
	lastKey int64 // its key, by which a row deleted and its id given again is told
	// filed holds the rows under their keys (key_rows.go), made when the keys are first
	// read. A key may name several rows: a declaration beside its event, another eventID's.
	filed keyRows
}

// EventRows returns the rows of the stored events whose eventIDs may be among eventIDs: the
// rows stored under their keys, among which the caller keeps those whose event_id is one of
// them.
func (s *Store) EventRows(ctx context.Context, eventIDs []string) ([]int64, error) {
	if len(eventIDs) == 0 {
		return nil, nil
	}
	keys := make([]int64, len(eventIDs))
	for i, id := range eventIDs {
		keys[i] = eventKey(id)
	}
	if err := s.keys.catchUp(ctx, PoolReader{s.st.ReadDB()}); err != nil {
		return nil, err
	}
	rows, _ := s.keys.rowsOf(keys)
	return rows, nil
}

// keysSinceSQL reads the keys of up to keysBatch events stored after row $1, in row order:
// a bound PostgreSQL plans as a walk along the primary key however many rows it judges
// stored after $1, even in a plan it keeps for the statement.
const keysBatch = 100_000

var keysSinceSQL = fmt.Sprintf(`SELECT id, event_key FROM epcis_events WHERE id > $1 ORDER BY id LIMIT %d`, keysBatch)

// eachKeySince calls add with the row and key of every event stored after row after,
// reading them through r in batches.
func eachKeySince(ctx context.Context, r TxReader, after int64, add func(row, key int64)) error {
	for {
		n := 0
		err := r.Query(ctx, keysSinceSQL, []any{after}, func(scan func(...any) error) error {
			var row, key int64
			if err := scan(&row, &key); err != nil {
				return err
			}
			add(row, key)
			after, n = row, n+1
			return nil
		})
		if err != nil || n < keysBatch {
			return err
		}
	}
}

// rowsOf returns the rows read so far under keys, and the largest row read.
func (k *eventKeys) rowsOf(keys []int64) (rows []int64, last int64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, key := range keys {
		rows = k.filed.appendRows(rows, key)
	}
	return rows, k.last
}

// catchUp reads through r the keys stored after the last row read. Capture never deletes
// events, but an operator or a test may: when the last row read is gone, its id may be
// given again, and every key is read afresh.
func (k *eventKeys) catchUp(ctx context.Context, r TxReader) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	gone := !k.filed.made()
	if !gone && k.last > 0 {
		gone = true
		err := r.Query(ctx, `SELECT event_key FROM epcis_events WHERE id = $1`, []any{k.last}, func(scan func(...any) error) error {
			var key int64
			err := scan(&key)
			gone = key != k.lastKey
			return err
		})
		if err != nil {
			return fmt.Errorf("read the last event row known: %w", err)
		}
	}
	if gone {
		k.filed, k.last, k.lastKey = newKeyRows(0), 0, 0
	}
	err := eachKeySince(ctx, r, k.last, func(row, key int64) {
		k.filed.add(key, row)
		k.last, k.lastKey = row, key
	})
	if err != nil {
		return fmt.Errorf("read the keys of stored events: %w", err)
	}
	return nil
}

// addCommitted files the rows of records that capture has just committed, when they follow
// the last row read: then no other writer stored a row between, and the next catchUp need
// not read back from the database what this process wrote. Reading them cost capture some
// 5 µs an event at ten million events (issue 4). Otherwise the rows are left to catchUp,
// which reads them with the others'.
func (k *eventKeys) addCommitted(records []*record) {
	if len(records) == 0 {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.filed.made() || records[0].row != k.last+1 {
		return
	}
	for _, r := range records {
		k.filed.add(r.key, r.row)
	}
	last := records[len(records)-1]
	k.last, k.lastKey = last.row, last.key
}

// reserve makes room for rows keys before LoadIndex files them, when none are filed yet.
func (k *eventKeys) reserve(rows int64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.filed.len() == 0 {
		k.filed = newKeyRows(rows)
	}
}

// addLoaded files the keys of a batch of rows read in row order from the first (LoadIndex):
// those after the last row read, as a capture meanwhile may have read further (catchUp),
// and then every row up to its own. A read in row order leaves out no stored row, so every
// row up to the last of the batch is filed. They are left unsorted until loaded (sortLoaded).
func (k *eventKeys) addLoaded(batch []storedLinks) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.filed.made() {
		k.filed = newKeyRows(0)
	}
	for _, l := range batch {
		if l.row > k.last {
			k.filed.append(l.key, l.row)
			k.last, k.lastKey = l.row, l.key
		}
	}
}

// sortLoaded sorts the keys LoadIndex filed, once it has read them all.
func (k *eventKeys) sortLoaded() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.filed.settleAll()
}
