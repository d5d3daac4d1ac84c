package risk

import "github.com/shejian/shejian/internal/store"

// inBatches calls lookup with keys as statement arguments, store.BatchSize at a time, and
// stops at its first error.
func inBatches[T any](keys []T, lookup func(args []any) error) error {
	for first := 0; first < len(keys); first += store.BatchSize {
		batch := keys[first:min(first+store.BatchSize, len(keys))]
		args := make([]any, len(batch))
		for i, k := range batch {
			args[i] = k
		}
		if err := lookup(args); err != nil {
			return err
		}
	}
	return nil
}
