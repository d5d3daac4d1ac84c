package registry

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// categoryName is the display name of a category in lang.
func categoryName(lang i18n.Lang, c CategoryCode) string {
	return i18n.T(lang, "category."+string(c), nil)
}

// CategoryCount is the number of businesses of one category.
type CategoryCount struct {
	Category CategoryCode
	Count    int
}

type homeView struct {
	Categories []CategoryCount
	Total      int
	Orgs       map[string]int
	People     int
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	v, err := h.overview(r.Context())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.pages["home"].Render(w, r, v)
}

func (h *Handler) overview(ctx context.Context) (*homeView, error) {
	db := h.Businesses.st.ReadDB()
	v := &homeView{Orgs: map[string]int{}}
	var f BusinessFilter
	ScopeFilter(ctx, &f)
	path := escapeLike(access.ScopeFrom(ctx).Path) + "%"
	if access.ScopeFrom(ctx).BusinessID != 0 {
		path = "" // an operator's scope holds no org unit or person
	}
	rows, err := db.QueryContext(ctx, `SELECT category, count(*) FROM businesses
		WHERE ($1 = 0 OR id = $1) AND ($2 = 0 OR district_id = $2) AND ($3 = 0 OR station_id = $3) AND ($4 = 0 OR grid_id = $4)
		GROUP BY category`, f.BusinessID, f.DistrictID, f.StationID, f.GridID)
	if err != nil {
		return nil, fmt.Errorf("count businesses: %w", err)
	}
	counts := map[CategoryCode]int{}
	for rows.Next() {
		var c CategoryCount
		if err := rows.Scan(&c.Category, &c.Count); err != nil {
			rows.Close()
			return nil, err
		}
		counts[c.Category] = c.Count
		v.Total += c.Count
	}
	rows.Close()
	for _, c := range Categories {
		v.Categories = append(v.Categories, CategoryCount{c.Code, counts[c.Code]})
	}
	orgRows, err := db.QueryContext(ctx, `SELECT kind, count(*) FROM org_units WHERE path LIKE $1 ESCAPE '\' GROUP BY kind`, path)
	if err != nil {
		return nil, fmt.Errorf("count org units: %w", err)
	}
	defer orgRows.Close()
	for orgRows.Next() {
		var k string
		var n int
		if err := orgRows.Scan(&k, &n); err != nil {
			return nil, err
		}
		v.Orgs[k] = n
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM people p JOIN org_units o ON o.id = p.org_unit_id
		WHERE o.path LIKE $1 ESCAPE '\'`, path).Scan(&v.People); err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	return v, nil
}
