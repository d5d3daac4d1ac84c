package draw

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// Page sizes of the draw pages and of the public draw in JSON: a draw over a city draws
// tens of thousands of businesses, which no page shows at once; the bundle has them all.
// The entity directory of a city holds up to a million.
const (
	tasksPerPage      = 50
	businessesPerPage = 100
	inspectorsPerPage = 100
)

// pager places one page in a list: its number from 1, the last page's and the page size.
type pager struct {
	Page    int `json:"page"`
	Last    int `json:"last_page"`
	PerPage int `json:"per_page"`
}

// newPager places page in a list of total rows; a page past the last names nothing and is
// NotFound, but page 1 of an empty list exists.
func newPager(page, perPage, total int) (pager, error) {
	last := max(1, (total+perPage-1)/perPage)
	if page > last {
		return pager{}, apperr.New(apperr.NotFound, "", nil)
	}
	return pager{Page: page, Last: last, PerPage: perPage}, nil
}

// offset is the number of rows before the page.
func (p pager) offset() int { return (p.Page - 1) * p.PerPage }

// pageParam reads the query's page: a whole number from 1, 1 when absent.
func pageParam(r *http.Request) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get("page"))
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, apperr.Fields(apperr.Field("page", "integer", nil))
	case n < 1:
		return 0, apperr.Fields(apperr.Field("page", "min", map[string]any{"min": 1}))
	}
	return n, nil
}

// servePagedJSON sends the page that read gives. The body is the JSON array of the page's
// rows, as the task list was before there were pages, so that a client reading the array
// still can; the page's place is in Link headers (pageLinks).
func servePagedJSON[T any](read func(*http.Request) ([]T, pager, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, pg, err := read(r)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		pageLinks(w.Header(), r.URL, pg)
		web.JSON(w, http.StatusOK, rows)
	}
}

// pageLinks sets Link headers (RFC 8288) to the first, previous, next and last pages of pg,
// each the request's URL u with its page changed: where a JSON list stays an array, this
// is where a client finds the other pages.
func pageLinks(h http.Header, u *url.URL, pg pager) {
	link := func(page int, rel string) {
		q := u.Query()
		q.Set("page", strconv.Itoa(page))
		h.Add("Link", "<"+u.EscapedPath()+"?"+q.Encode()+`>; rel="`+rel+`"`)
	}
	link(1, "first")
	if pg.Page > 1 {
		link(pg.Page-1, "prev")
	}
	if pg.Page < pg.Last {
		link(pg.Page+1, "next")
	}
	link(pg.Last, "last")
}
