package registry

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// SearchLimitCount caps how many matches a search counts: past it the total shows as
// "2000+", which keeps broad queries at a million businesses fast.
const SearchLimitCount = 2000

// MaxPerPage bounds a page of results.
const MaxPerPage = 200

// BusinessFilter selects businesses. Q matches a substring of the name or address (Chinese
// or not), or a prefix of the USCC or licence number.
type BusinessFilter struct {
	Q            string
	BusinessID   int64 // one business: a business operator's scope
	DistrictID   int64
	StationID    int64
	GridID       int64 // a coordinator's grid
	Category     CategoryCode
	Status       string
	ExpiryBefore *time.Time // licence expires before this date
	ExpiryAfter  *time.Time // licence expires on or after this date
	Page         int        // 1-based
	PerPage      int
}

// SearchResult is one page of businesses and the capped total.
type SearchResult struct {
	Businesses  []*Business `json:"businesses"`
	Total       int         `json:"total"`
	TotalCapped bool        `json:"total_capped"`
	Page        int         `json:"page"`
	PerPage     int         `json:"per_page"`
}

// Search returns one page of businesses matching f, newest first.
func (s *BusinessStore) Search(ctx context.Context, f BusinessFilter) (*SearchResult, error) {
	f.normalize()
	q, err := s.build(ctx, f)
	if err != nil {
		return nil, err
	}
	if q.walk != nil {
		return s.searchBuckets(ctx, f, q)
	}
	res := &SearchResult{Page: f.Page, PerPage: f.PerPage, Businesses: []*Business{}}
	query := `SELECT ` + businessColumns + q.from + placeJoins + q.where +
		fmt.Sprintf(` ORDER BY %s DESC LIMIT %d OFFSET %d`, q.order, f.PerPage, (f.Page-1)*f.PerPage)
	if err := scanAll(ctx, s.st.ReadDB(), query, q.args, func(b *Business) error {
		res.Businesses = append(res.Businesses, b)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("search businesses: %w", err)
	}
	count := fmt.Sprintf(`SELECT count(*) FROM (SELECT 1%s%s LIMIT %d) m`, q.from, q.where, SearchLimitCount+1)
	if err := s.st.ReadDB().QueryRowContext(ctx, count, q.args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("count businesses: %w", err)
	}
	if res.Total > SearchLimitCount {
		res.Total, res.TotalCapped = SearchLimitCount, true
	}
	return res, nil
}

// Each calls fn for every business matching f (ignoring pagination), oldest first; exports
// stream through it.
func (s *BusinessStore) Each(ctx context.Context, f BusinessFilter, fn func(*Business) error) error {
	f.normalize()
	q, err := s.build(ctx, f)
	if err != nil {
		return err
	}
	if q.walk != nil {
		q.from = ` FROM (` + q.rowsInAnyBucket(q.walk) + `) g JOIN businesses b ON b.id = g.rowid`
	}
	query := `SELECT ` + businessColumns + q.from + placeJoins + q.where + ` ORDER BY ` + q.order
	if err := scanAll(ctx, s.st.ReadDB(), query, q.args, fn); err != nil {
		return fmt.Errorf("list businesses: %w", err)
	}
	return nil
}

// rowsQuerier runs a query for rows: the read pool, or a transaction.
type rowsQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// scanAll calls fn for each business that query returns.
func scanAll(ctx context.Context, q rowsQuerier, query string, args []any, fn func(*Business) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		b, err := scanBusiness(rows)
		if err != nil {
			return fmt.Errorf("scan business: %w", err)
		}
		if err := fn(b); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (f *BusinessFilter) normalize() {
	f.Q = strings.TrimSpace(f.Q)
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage < 1 {
		f.PerPage = 20
	}
	f.PerPage = min(f.PerPage, MaxPerPage)
}

// placeJoins add the district and station names to a search's rows.
const placeJoins = ` JOIN org_units d ON d.id = b.district_id JOIN org_units s ON s.id = b.station_id`

// searchSQL is the FROM and WHERE of a search, its bind arguments, and the id column the
// results are ordered by. A PostgreSQL text search leaves its keys out of the SQL: walk
// holds them (the grams and the filter's place), and bottom to top the gram buckets that
// can hold matches (see bucketKeys).
type searchSQL struct {
	from, where, order string
	args               []any
	walk               []string
	bottom, top        int64
}

func (q *searchSQL) arg(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

// build turns f into SQL; every value is a bind parameter. A text query that is not a code
// drives the query from the gram index, so that SQLite walks the FTS5 matches newest first
// and stops at the page instead of collecting every match.
func (s *BusinessStore) build(ctx context.Context, f BusinessFilter) (searchSQL, error) {
	q := searchSQL{from: ` FROM businesses b`, order: "b.id"}
	var conds []string
	if grams := QueryGrams(f.Q); len(grams) > 0 {
		if s.st.Dialect() == store.Postgres {
			err := s.st.ReadDB().QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM business_grams`).Scan(&q.top)
			if err != nil {
				return q, fmt.Errorf("newest gram bucket: %w", err)
			}
			q.top = bucketOf(q.top)
		}
		at := Place{District: f.DistrictID, Station: f.StationID, Grid: f.GridID}
		conds = append(conds, s.textConditions(&q, f.Q, grams, at.keys())...)
		if f.BusinessID > 0 { // one business: one bucket
			q.bottom = bucketOf(f.BusinessID)
			q.top = min(q.top, q.bottom)
		}
	}
	add := func(column string, v any) { conds = append(conds, column+q.arg(v)) }
	if f.BusinessID != 0 { // negative: the scope of no one, which matches nothing
		add("b.id = ", f.BusinessID)
	}
	if f.DistrictID > 0 {
		add("b.district_id = ", f.DistrictID)
	}
	if f.StationID > 0 {
		add("b.station_id = ", f.StationID)
	}
	if f.GridID > 0 {
		add("b.grid_id = ", f.GridID)
	}
	if f.Category != "" {
		add("b.category = ", string(f.Category))
	}
	if f.Status != "" {
		add("b.status = ", f.Status)
	}
	if f.ExpiryBefore != nil {
		add("b.licence_expiry < ", *f.ExpiryBefore)
	}
	if f.ExpiryAfter != nil {
		add("b.licence_expiry >= ", *f.ExpiryAfter)
	}
	if len(conds) > 0 {
		q.where = " WHERE " + strings.Join(conds, " AND ")
	}
	return q, nil
}

// textConditions match q. A code-like q (the start of a USCC or licence number, or one Latin
// token) is looked up in the unique indexes and the gram index together. Any other q must
// have all its grams and the keys of the filter's place, and each space-separated term must
// be a substring of the name or the address — checked with LIKE unless the single gram
// already says so.
func (s *BusinessStore) textConditions(q *searchSQL, text string, grams, place []string) []string {
	if code := strings.ToUpper(text); isCodeLike(code) {
		lo, hi := q.arg(code), q.arg(code+"~")
		ids := fmt.Sprintf(`SELECT id FROM businesses WHERE uscc >= %s AND uscc < %s
			UNION SELECT id FROM businesses WHERE licence_no >= %s AND licence_no < %s AND licence_no <> ''
			UNION %s`, lo, hi, lo, hi, s.gramRows(q, grams))
		if s.st.Dialect() == store.Postgres {
			// Collected once, and planned as the short list it nearly always is: the
			// per-bucket gram lookups otherwise look large enough to walk the whole table.
			return []string{"b.id = ANY(ARRAY(" + ids + "))"}
		}
		return []string{"b.id IN (" + ids + ")"}
	}
	var conds []string
	if s.st.Dialect() == store.Postgres {
		q.walk = slices.Concat(grams, place)
	} else {
		q.from = ` FROM business_grams(` + q.arg(ftsQuery(slices.Concat(grams, place))) + `) g JOIN businesses b ON b.id = g.rowid`
		q.order = "g.rowid"
	}
	terms := strings.Fields(strings.ToLower(text))
	if len(terms) == 1 && len(grams) == 1 && grams[0] == terms[0] {
		return conds
	}
	for _, term := range terms {
		p := q.arg("%" + escapeLike(term) + "%")
		conds = append(conds, fmt.Sprintf(`(lower(b.name) LIKE %s ESCAPE '\' OR lower(b.address) LIKE %s ESCAPE '\')`, p, p))
	}
	return conds
}

// gramRows is a query for the rowid of every business_grams row that holds every gram.
func (s *BusinessStore) gramRows(q *searchSQL, grams []string) string {
	if s.st.Dialect() == store.Postgres {
		return q.rowsInAnyBucket(grams)
	}
	return "SELECT rowid FROM business_grams WHERE business_grams MATCH " + q.arg(ftsQuery(grams))
}

// rowsInAnyBucket is gramRows on PostgreSQL: one GIN lookup per bucket up to top, each for
// that bucket's keys, sliced from one array argument. Looking the buckets up one by one
// keeps every lookup a GIN scan; one condition over the keys of all buckets looks, to the
// planner, as if it matched a large part of the table.
func (q *searchSQL) rowsInAnyBucket(grams []string) string {
	keys := make([]string, 0, int(q.top-q.bottom+1)*len(grams))
	for k := q.bottom; k <= q.top; k++ {
		keys = append(keys, bucketKeys(k, grams)...)
	}
	n := len(grams)
	return fmt.Sprintf(`SELECT g.rowid FROM generate_series(0, %d) AS k, LATERAL (SELECT rowid FROM business_grams
		WHERE grams @> (%s::text[])[k*%d+1 : k*%d+%d]) AS g`, q.top-q.bottom, q.arg(keys), n, n, n)
}

// ftsQuery asks FTS5 for rows with every gram; grams hold only letters and digits, so
// quoting them is enough.
func ftsQuery(grams []string) string {
	quoted := make([]string, len(grams))
	for i, g := range grams {
		quoted[i] = `"` + g + `"`
	}
	return strings.Join(quoted, " ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// isCodeLike reports whether q could be the start of a USCC or licence number.
func isCodeLike(q string) bool {
	if len(q) < 4 || len(q) > 18 {
		return false
	}
	return strings.Trim(q, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") == ""
}
