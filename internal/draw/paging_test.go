package draw

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestNewPager(t *testing.T) {
	tests := []struct {
		page, perPage, total int
		want                 pager
		offset               int
		missing              bool
	}{
		{page: 1, perPage: 100, total: 0, want: pager{Page: 1, Last: 1, PerPage: 100}},
		{page: 1, perPage: 100, total: 100, want: pager{Page: 1, Last: 1, PerPage: 100}},
		{page: 2, perPage: 100, total: 101, want: pager{Page: 2, Last: 2, PerPage: 100}, offset: 100},
		{page: 3, perPage: 50, total: 150, want: pager{Page: 3, Last: 3, PerPage: 50}, offset: 100},
		{page: 2, perPage: 100, total: 100, missing: true},
		{page: 2, perPage: 100, total: 0, missing: true},
		{page: 1 << 40, perPage: 100, total: 5, missing: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("page %d of %d by %d", tt.page, tt.total, tt.perPage), func(t *testing.T) {
			got, err := newPager(tt.page, tt.perPage, tt.total)
			if tt.missing {
				if apperr.CodeOf(err) != apperr.NotFound {
					t.Fatalf("newPager: %+v %v, want not found", got, err)
				}
				return
			}
			if err != nil || got != tt.want || got.offset() != tt.offset {
				t.Fatalf("newPager: %+v (offset %d) %v, want %+v (offset %d)", got, got.offset(), err, tt.want, tt.offset)
			}
		})
	}
}

func TestPageParam(t *testing.T) {
	tests := []struct {
		query string
		want  int
		rule  string
	}{
		{"", 1, ""},
		{"page=3", 3, ""},
		{"page=+4", 4, ""},
		{"page=0", 0, "min"},
		{"page=-2", 0, "min"},
		{"page=two", 0, "integer"},
		{"page=1.5", 0, "integer"},
		{"page=99999999999999999999", 0, "integer"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := pageParam(httptest.NewRequest("GET", "/draws?"+tt.query, nil))
			if tt.rule != "" {
				assertField(t, err, "page", tt.rule)
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("pageParam: %d %v, want %d", got, err, tt.want)
			}
		})
	}
}

// pagedWorld is the page world with a published draw of more businesses than a page
// holds, and more tasks than the task lists show at once.
type pagedWorld struct {
	*pageWorld
	big      Task
	bigNames []string // in draw order
}

// newPagedWorld adds 230 class D businesses to station S11 and publishes a draw of
// district D1 that draws them all, then enough published tasks of station S22 to fill the
// task lists past one page.
func newPagedWorld(t *testing.T, st *store.Store) *pagedWorld {
	t.Helper()
	ctx := context.Background()
	w := &pagedWorld{pageWorld: newPageWorld(t, st)}
	for i := range 230 {
		b := w.business(t, w.districts[0], w.stations[0], fmt.Sprintf("5%03d", i), "open")
		if err := w.draws.SetCreditClass(ctx, b, ClassD); err != nil {
			t.Fatal(err)
		}
	}
	w.big = w.drawnTask(t, "2026-BIG", w.districts[0])
	if _, err := w.draws.Publish(ctx, w.big.ID); err != nil {
		t.Fatal(err)
	}
	_, w.bigNames, _ = w.result(t, w.big.ID)
	for i := range tasksPerPage {
		nt := w.newTask(t, fmt.Sprintf("2026-S22-%02d", i), w.stations[3])
		nt.Config.ExcludeOwnStation = false
		task, err := w.draws.CreateTask(ctx, nt)
		if err == nil {
			_, err = w.draws.Draw(ctx, task.ID, "")
		}
		if err == nil {
			_, err = w.draws.Publish(ctx, task.ID)
		}
		if err != nil {
			t.Fatalf("task %s: %v", nt.Config.TaskID, err)
		}
	}
	return w
}

// TestDrawPagesArePaged walks the pages of a draw of 230-odd businesses and of the task
// lists, staff and public: each page shows its rows in draw order with their numbers, its
// links keep the rest of the query, and a page that does not exist is refused.
func TestDrawPagesArePaged(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPagedWorld(t, st)
		n := len(w.bigNames)
		if n <= 2*businessesPerPage {
			t.Fatalf("%d businesses drawn, want more than two pages", n)
		}
		last := (n + businessesPerPage - 1) / businessesPerPage
		city := caller(access.Everywhere)
		staff := "/draws/" + strconv.FormatInt(w.big.ID, 10)
		for _, base := range []struct {
			ctx  context.Context
			path string
		}{{city, staff}, {context.Background(), "/public/draws/2026-BIG"}} {
			for page := 1; page <= last; page++ {
				path := fmt.Sprintf("%s?from=list&page=%d", base.path, page)
				code, body := w.get(base.ctx, i18n.Chinese, path)
				if code != 200 {
					t.Fatalf("GET %s: %d %.300s", path, code, body)
				}
				first, end := (page-1)*businessesPerPage, min(page*businessesPerPage, n)
				w.checkDrawOrder(t, base.ctx, path, w.bigNames[first:end])
				for _, other := range []int{first - 1, end} {
					if other >= 0 && other < n && strings.Contains(body, ">"+w.bigNames[other]+"<") {
						t.Errorf("GET %s shows business %d of another page", path, other+1)
					}
				}
				checkPagerLinks(t, path, body, page, last)
				if !strings.Contains(body, fmt.Sprintf("<td>%d</td>", first+1)) || strings.Contains(body, fmt.Sprintf("<td>%d</td>", end+1)) {
					t.Errorf("GET %s does not number its rows %d to %d", path, first+1, end)
				}
			}
			for query, status := range map[string]int{"page=" + strconv.Itoa(last+1): 404, "page=0": 400, "page=x": 400} {
				if code, body := w.get(base.ctx, i18n.Chinese, base.path+"?"+query); code != status {
					t.Errorf("GET %s?%s: %d, want %d: %.200s", base.path, query, code, status, body)
				}
			}
		}
		checkPublicDrawJSONPage(t, w, last)
		checkTaskListPages(t, w, city)
		checkTaskListJSON(t, w, city)
	})
}

// checkPagerLinks checks that the page of path links to the pages before and after it,
// keeping the query's other parameters, and to no page outside 1 … last.
func checkPagerLinks(t *testing.T, path, body string, page, last int) {
	t.Helper()
	for _, link := range []struct {
		to      int
		present bool
	}{{page - 1, page > 1}, {page + 1, page < last}} {
		href := fmt.Sprintf(`href="?from=list&amp;page=%d"`, link.to)
		if strings.Contains(body, href) != link.present {
			t.Errorf("GET %s: link %s present %v, want %v", path, href, !link.present, link.present)
		}
	}
	if !strings.Contains(body, fmt.Sprintf("第 %d / %d 页", page, last)) {
		t.Errorf("GET %s does not say page %d of %d", path, page, last)
	}
}

// checkPublicDrawJSONPage reads the last page of the big draw as JSON.
func checkPublicDrawJSONPage(t *testing.T, w *pagedWorld, last int) {
	t.Helper()
	code, body := w.get(context.Background(), i18n.Chinese, fmt.Sprintf("/api/v1/public/draws/2026-BIG?page=%d", last))
	var d PublicDraw
	if err := json.Unmarshal([]byte(body), &d); code != 200 || err != nil {
		t.Fatalf("GET JSON page %d: %d %v %.200s", last, code, err, body)
	}
	first := (last - 1) * businessesPerPage
	if d.Page != last || d.Last != last || d.PerPage != businessesPerPage || d.BusinessCount != len(w.bigNames) ||
		len(d.Businesses) != len(w.bigNames)-first || d.Businesses[0].Seq != first+1 || d.Businesses[0].Name != w.bigNames[first] {
		t.Errorf("JSON page %d: page %d of %d by %d, %d businesses from #%d %s; want businesses %d… of %d",
			last, d.Page, d.Last, d.PerPage, len(d.Businesses), d.Businesses[0].Seq, d.Businesses[0].Name, first+1, len(w.bigNames))
	}
}

// checkTaskListPages counts the rows of the staff and public task lists page by page: the
// world has tasksPerPage tasks of station S22 and four others, three of them published.
func checkTaskListPages(t *testing.T, w *pagedWorld, city context.Context) {
	t.Helper()
	for _, list := range []struct {
		ctx       context.Context
		path, row string
		total     int
	}{
		{city, "/draws", `<tr id="draw-task-`, tasksPerPage + 4},
		{context.Background(), "/public/draws", `<td><a href="/public/draws/`, tasksPerPage + 2},
	} {
		seen := 0
		for page := 1; page <= 2; page++ {
			code, body := w.get(list.ctx, i18n.Chinese, fmt.Sprintf("%s?page=%d", list.path, page))
			rows := strings.Count(body, list.row)
			if code != 200 || rows > tasksPerPage || (page == 1) != (rows == tasksPerPage) {
				t.Errorf("GET %s page %d: %d with %d rows", list.path, page, code, rows)
			}
			seen += rows
		}
		if seen != list.total {
			t.Errorf("GET %s: %d rows over two pages, want %d", list.path, seen, list.total)
		}
		if code, _ := w.get(list.ctx, i18n.Chinese, list.path+"?page=3"); code != 404 {
			t.Errorf("GET %s?page=3: %d, want 404", list.path, code)
		}
	}
}

// checkTaskListJSON reads the staff's task list as JSON a page at a time: each page the
// array of its tasks, newest first, as the list was before it had pages, with Link headers
// to the other pages that keep the rest of the query; a bad page is refused naming the
// field, a page past the last is not found, and a business operator sees one empty page.
func checkTaskListJSON(t *testing.T, w *pagedWorld, city context.Context) {
	t.Helper()
	const list = "/api/v1/draw/tasks"
	link := func(page int, rel string) string {
		return fmt.Sprintf(`<%s?from=x&page=%d>; rel="%s"`, list, page, rel)
	}
	var ids []int64
	for page, links := range map[int][]string{
		1: {link(1, "first"), link(2, "next"), link(2, "last")},
		2: {link(1, "first"), link(1, "prev"), link(2, "last")},
	} {
		d := w.fetch(city, "GET", fmt.Sprintf("%s?page=%d&from=x", list, page))
		var tasks []Task
		if err := json.Unmarshal(d.body, &tasks); d.status != 200 || err != nil {
			t.Fatalf("page %d: %d %v %.200s", page, d.status, err, d.body)
		}
		if want := map[int]int{1: tasksPerPage, 2: 4}[page]; len(tasks) != want || !slices.Equal(d.header.Values("Link"), links) {
			t.Errorf("page %d: %d tasks, links %q; want %d tasks, links %q", page, len(tasks), d.header.Values("Link"), want, links)
		}
		for _, task := range tasks {
			ids = append(ids, task.ID)
		}
	}
	if first := w.fetch(city, "GET", list); !bytes.Equal(first.body, w.fetch(city, "GET", list+"?page=1").body) {
		t.Error("the list without a page is not its first page")
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != tasksPerPage+4 {
		t.Errorf("%d tasks over two pages, want the %d of the world once each", len(ids), tasksPerPage+4)
	}
	for query, want := range map[string]int{"page=3": 404, "page=0": 400, "page=x": 400} {
		d := w.fetch(city, "GET", list+"?"+query)
		if d.status != want || (want == 400 && !strings.Contains(string(d.body), `"field":"page"`)) {
			t.Errorf("GET %s?%s: %d %s, want %d", list, query, d.status, d.body, want)
		}
	}
	operator := caller(access.Scope{BusinessID: w.businesses[0]})
	if d := w.fetch(operator, "GET", list); d.status != 200 || string(d.body) != "[]\n" || len(d.header.Values("Link")) != 2 {
		t.Errorf("a business operator's list: %d %q %q", d.status, d.body, d.header.Values("Link"))
	}
}
