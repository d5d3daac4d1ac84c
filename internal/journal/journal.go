package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Entry is one fact in the journal. Payload is any JSON-encodable value when appending and
// the stored JSON (a json.RawMessage) when delivered; Decode reads it either way.
type Entry struct {
	ID        int64
	Topic     string // what happened, "capability.entity.event": "registry.business.created"
	Key       string // what it happened to, e.g. the business id; may be empty
	Payload   any
	CreatedAt time.Time // set by Append when zero
}

// Append records e in tx, the transaction that writes the fact's own rows, and returns the
// entry id. Dispatchers see the entry only once tx commits, and never if it rolls back.
func Append(ctx context.Context, tx *sql.Tx, e Entry) (int64, error) {
	values, err := e.values()
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO journal_entries (topic, key, payload, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, values...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("journal append %s: %w", e.Topic, store.Normalize(err))
	}
	return id, nil
}

// values are e's columns of journal_entries: topic, key, payload and created_at (now when
// unset, at the microsecond PostgreSQL keeps).
func (e Entry) values() ([]any, error) {
	if e.Topic == "" {
		return nil, errors.New("journal append: empty topic")
	}
	payload, err := json.Marshal(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("journal append %s: encode payload: %w", e.Topic, err)
	}
	created := now()
	if !e.CreatedAt.IsZero() {
		created = e.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	return []any{e.Topic, e.Key, string(payload), created}, nil
}

// Decode unmarshals the payload into v.
func (e Entry) Decode(v any) error {
	raw, ok := e.Payload.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(e.Payload); err != nil {
			return fmt.Errorf("journal entry %d: encode payload: %w", e.ID, err)
		}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("journal entry %d: decode payload: %w", e.ID, err)
	}
	return nil
}

// entryColumns are the columns scanEntry reads, from journal_entries aliased e.
const entryColumns = `e.id, e.topic, e.key, e.payload, e.created_at`

func scanEntry(row interface{ Scan(...any) error }, extra ...any) (Entry, error) {
	var e Entry
	var payload []byte
	if err := row.Scan(append([]any{&e.ID, &e.Topic, &e.Key, &payload, &e.CreatedAt}, extra...)...); err != nil {
		return Entry{}, err
	}
	e.Payload = json.RawMessage(payload)
	e.CreatedAt = e.CreatedAt.UTC()
	return e, nil
}

// now is the database clock of the package: UTC, at the microsecond PostgreSQL keeps.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
