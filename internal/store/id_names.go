package store

import (
	"context"
	"database/sql"
	"fmt"
)

// IDNames runs query on db, which must select an id and a name per row, and returns the
// names by id: the lookup of org unit names that pages and sheets print beside ids.
func IDNames(ctx context.Context, db *sql.DB, query string, args ...any) (map[int64]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, Normalize(err)
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("scan id and name: %w", err)
		}
		names[id] = name
	}
	return names, rows.Err()
}
