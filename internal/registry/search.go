package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// SearchLimitCount caps how many matches a search counts: past it the total shows as
// "10000+", which keeps broad queries at a million businesses fast.
const SearchLimitCount = 10000

// MaxPerPage bounds a page of results.
const MaxPerPage = 200

// BusinessFilter selects businesses. Q matches a substring of the name or address (Chinese
// or not), or a prefix of the USCC or licence number.
type BusinessFilter struct {
	Q            string
	DistrictID   int64
	StationID    int64
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
	where, args := s.where(f)
	res := &SearchResult{Page: f.Page, PerPage: f.PerPage, Businesses: []*Business{}}
	query := `SELECT ` + businessColumns + businessFrom + where + fmt.Sprintf(` ORDER BY b.id DESC LIMIT %d OFFSET %d`, f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := s.st.ReadDB().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search businesses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		b, err := scanBusiness(rows)
		if err != nil {
			return nil, fmt.Errorf("scan business: %w", err)
		}
		res.Businesses = append(res.Businesses, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search businesses: %w", err)
	}
	count := fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM businesses b%s LIMIT %d) m`, where, SearchLimitCount+1)
	if err := s.st.ReadDB().QueryRowContext(ctx, count, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("count businesses: %w", err)
	}
	if res.Total > SearchLimitCount {
		res.Total, res.TotalCapped = SearchLimitCount, true
	}
	return res, nil
}

// Each calls fn for every business matching f (ignoring pagination), in id order; exports
// stream through it.
func (s *BusinessStore) Each(ctx context.Context, f BusinessFilter, fn func(*Business) error) error {
	f.normalize()
	where, args := s.where(f)
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT `+businessColumns+businessFrom+where+` ORDER BY b.id`, args...)
	if err != nil {
		return fmt.Errorf("list businesses: %w", err)
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

// where builds the WHERE clause and its arguments; every value is a bind parameter.
func (s *BusinessStore) where(f BusinessFilter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Q != "" {
		if c := s.textCondition(f.Q, arg); c != "" {
			conds = append(conds, c)
		}
	}
	if f.DistrictID > 0 {
		conds = append(conds, "b.district_id = "+arg(f.DistrictID))
	}
	if f.StationID > 0 {
		conds = append(conds, "b.station_id = "+arg(f.StationID))
	}
	if f.Category != "" {
		conds = append(conds, "b.category = "+arg(string(f.Category)))
	}
	if f.Status != "" {
		conds = append(conds, "b.status = "+arg(f.Status))
	}
	if f.ExpiryBefore != nil {
		conds = append(conds, "b.licence_expiry < "+arg(*f.ExpiryBefore))
	}
	if f.ExpiryAfter != nil {
		conds = append(conds, "b.licence_expiry >= "+arg(*f.ExpiryAfter))
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// textCondition matches q: each space-separated term must be a substring of the name or the
// address, found through the gram index and confirmed with LIKE; a code-like q also matches
// a USCC or licence-number prefix through their unique indexes.
func (s *BusinessStore) textCondition(q string, arg func(any) string) string {
	var parts []string
	if grams := QueryGrams(q); len(grams) > 0 {
		parts = append(parts, s.gramCondition(grams, arg)+substringConditions(q, arg))
	}
	if code := strings.ToUpper(q); isCodeLike(code) {
		lo, hi := arg(code), arg(code+"~")
		parts = append(parts, fmt.Sprintf("(b.uscc >= %s AND b.uscc < %s)", lo, hi),
			fmt.Sprintf("(b.licence_no >= %s AND b.licence_no < %s)", lo, hi))
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

func (s *BusinessStore) gramCondition(grams []string, arg func(any) string) string {
	if s.st.Dialect() == store.Postgres {
		return "b.id IN (SELECT rowid FROM business_grams WHERE grams @> " + arg(grams) + "::text[])"
	}
	quoted := make([]string, len(grams))
	for i, g := range grams {
		quoted[i] = `"` + g + `"`
	}
	return "b.id IN (SELECT rowid FROM business_grams WHERE business_grams MATCH " + arg(strings.Join(quoted, " ")) + ")"
}

func substringConditions(q string, arg func(any) string) string {
	var b strings.Builder
	for _, term := range strings.Fields(strings.ToLower(q)) {
		p := arg("%" + escapeLike(term) + "%")
		fmt.Fprintf(&b, ` AND (lower(b.name) LIKE %s ESCAPE '\' OR lower(b.address) LIKE %s ESCAPE '\')`, p, p)
	}
	return b.String()
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
