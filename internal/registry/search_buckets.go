package registry

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// searchBuckets answers a PostgreSQL text search by walking the gram buckets (see
// bucketKeys) newest first. Each bucket gives its matches newest first, so the ids collected
// are in order; the walk stops once it holds the page and one match more than the count cap,
// or when the buckets run out. A bucket costs an index lookup and its own matches, never a
// walk through rows that do not match.
//
// The walk and the page's rows come from one read-only snapshot, so that they agree, read
// with generic plans: every probe has the same shape, and planning it anew for each of sixty
// buckets would cost more than running it.
func (s *BusinessStore) searchBuckets(ctx context.Context, f BusinessFilter, q searchSQL) (*SearchResult, error) {
	end := f.Page * f.PerPage
	want := max(end, SearchLimitCount+1)
	probe, probeArgs := bucketProbe(q)
	res := &SearchResult{Page: f.Page, PerPage: f.PerPage, Businesses: []*Business{}}
	err := readSnapshot(ctx, s.st.ReadDB(), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
			return fmt.Errorf("plan mode: %w", err)
		}
		var ids []int64
		for k := q.top; k >= q.bottom && len(ids) < want; k-- {
			var err error
			if ids, err = appendIDs(ctx, tx, ids, probe, probeArgs(k, want-len(ids))); err != nil {
				return fmt.Errorf("bucket %d: %w", k, err)
			}
		}
		res.Total = len(ids)
		start := (f.Page - 1) * f.PerPage
		if start >= len(ids) {
			return nil
		}
		return scanAll(ctx, tx, `SELECT `+businessColumns+businessFrom+` WHERE b.id = ANY($1) ORDER BY b.id DESC`,
			[]any{ids[start:min(end, len(ids))]}, func(b *Business) error {
				res.Businesses = append(res.Businesses, b)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("search businesses: %w", err)
	}
	if res.Total > SearchLimitCount {
		res.Total, res.TotalCapped = SearchLimitCount, true
	}
	return res, nil
}

// bucketProbe is the query for at most limit matches of bucket k, newest first, and its
// arguments. The gram lookup stays a GIN lookup (rowid + 0 keeps the planner off the
// primary key, and the OFFSET 0 fence keeps the lookup whole), sorted newest first there.
// Other conditions are checked on each match in that order, through the primary key, until
// the limit is reached: a generic plan left to join as it likes would read the whole bucket
// of businesses for every probe.
func bucketProbe(q searchSQL) (string, func(k int64, limit int) []any) {
	if q.where == "" {
		return `SELECT rowid FROM business_grams WHERE grams @> $1::text[] ORDER BY rowid + 0 DESC LIMIT $2`,
			func(k int64, limit int) []any { return []any{bucketKeys(k, q.walk), limit} }
	}
	n := len(q.args)
	query := fmt.Sprintf(`SELECT g.rowid FROM (SELECT rowid, rowid + 0 AS newest FROM business_grams
		WHERE grams @> $%d::text[] ORDER BY newest DESC OFFSET 0) g,
		LATERAL (SELECT 1 FROM businesses b%s AND b.id = g.rowid OFFSET 0) m
		ORDER BY g.newest DESC LIMIT $%d`, n+1, q.where, n+2)
	return query, func(k int64, limit int) []any {
		return append(slices.Clip(q.args), bucketKeys(k, q.walk), limit)
	}
}

// appendIDs appends the ids that query returns.
func appendIDs(ctx context.Context, tx *sql.Tx, ids []int64, query string, args []any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return ids, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// readSnapshot runs fn in a read-only transaction that sees one snapshot throughout.
func readSnapshot(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // read-only: nothing to keep
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
