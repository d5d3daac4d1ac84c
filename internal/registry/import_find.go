package registry

import (
	"context"

	"github.com/shejian/shejian/internal/store"
)

// findCodes runs the lookup b for codes and calls add with each code found.
func findCodes(ctx context.Context, s *store.Batches, b *store.BatchSQL, codes []any, add func(string)) error {
	rows, err := s.Query(ctx, b, len(codes), codes)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return err
		}
		add(c)
	}
	return rows.Err()
}
