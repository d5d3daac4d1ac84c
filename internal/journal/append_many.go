package journal

import (
	"context"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// appendRows writes journal entries several to a statement.
var appendRows = &store.BatchSQL{Head: `INSERT INTO journal_entries (topic, key, payload, created_at) VALUES `, Tuple: `(?,?,?,?)`}

// AppendMany records entries in the transaction behind b, store.BatchSize to a statement:
// the bulk form of Append for imports, with the same guarantees.
func AppendMany(ctx context.Context, b *store.Batches, entries []Entry) error {
	for start := 0; start < len(entries); start += store.BatchSize {
		part := entries[start:min(start+store.BatchSize, len(entries))]
		args := make([]any, 0, 4*len(part))
		for _, e := range part {
			values, err := e.values()
			if err != nil {
				return err
			}
			args = append(args, values...)
		}
		if err := b.Exec(ctx, appendRows, len(part), args); err != nil {
			return fmt.Errorf("journal append %d entries: %w", len(part), store.Normalize(err))
		}
	}
	return nil
}
