package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/store"
)

// Browser tests drive the real server, in-process on a loopback port over a fresh SQLite
// demo city, with headless Chromium. They skip when no Chromium is installed, unless
// requireBrowserEnv is set (CI sets it), and then they fail.
const (
	requireBrowserEnv = "SHEJIAN_REQUIRE_BROWSER"
	chromeEnv         = "SHEJIAN_CHROME" // path of the browser, when not on PATH as chromium

	actionTimeout = 90 * time.Second   // one step: generous, nothing here measures speed
	importTimeout = 3 * time.Minute    // the upload and the all-or-nothing import
	startTimeout  = 2 * time.Minute    // the demo city and the server
	diagTimeout   = 5 * time.Second    // reading the page for a failure message
	diagMaxRunes  = 3000               // of the page text in a failure message
	searchMaxHits = 10                 // a search term must keep the business on page one
	outsideLat    = 61.5               // north of mainland China, so outside any district
	freshUSCC17   = "91330100MA2CHECK" // + one character: a code the demo city does not use
)

// TestBrowserDemoFlow walks the district admin's everyday path: log in, search the
// registry in Chinese, open a business, switch the language both ways, and upload a bad
// workbook that is refused with every bad cell named and nothing written.
func TestBrowserDemoFlow(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	b := newBrowser(t, chrome, srv.url)

	b.login("district", DemoPassword, http.StatusOK)
	if loc := run(b, "read location after login", chromedp.Location()); strings.Contains(loc, "/login") {
		t.Fatalf("still on the login page after a good login: %s", loc)
	}
	if !b.hasCookie(access.SessionCookie) {
		t.Fatalf("no %s cookie after a good login", access.SessionCookie)
	}

	target, term := searchTarget(t, srv.store, srv.city)
	t.Logf("searching %q for %s (id %d, %s)", term, target.name, target.id, target.uscc)
	link := chromedp.CSS(fmt.Sprintf(`#business-table a[href="/businesses/%d"]`, target.id))
	b.open("/businesses", "business-filters")
	b.pageOK("search for "+term, chromedp.SendKeys(chromedp.ID("q"), term), chromedp.Click(chromedp.ID("search-submit")))
	b.do("find "+target.name+" in the results", chromedp.WaitVisible(chromedp.ID("result-count")), chromedp.WaitVisible(link))

	b.pageOK("open "+target.name, chromedp.Click(link))
	if got := run(b, "read #business-name", chromedp.Text(chromedp.ID("business-name"))); !strings.Contains(got, target.name) {
		t.Errorf("#business-name = %q, want it to contain %q", got, target.name)
	}
	if got := run(b, "read #business-uscc", chromedp.Text(chromedp.ID("business-uscc"))); strings.TrimSpace(got) != target.uscc {
		t.Errorf("#business-uscc = %q, want %q", got, target.uscc)
	}

	b.switchLanguage(i18n.English)
	if word, body := i18n.T(i18n.English, "field.licence_no", nil), b.bodyText(); !strings.Contains(body, word) {
		t.Errorf("the English detail page lacks %q:\n%s", word, clip(body))
	}
	b.switchLanguage(i18n.Chinese)

	b.importRefused(srv)
}

// TestBrowserWrongPassword checks that a wrong password answers 401 with the login error
// shown and no session started.
func TestBrowserWrongPassword(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	b := newBrowser(t, chrome, srv.url)

	b.login("district", "not-"+DemoPassword, http.StatusUnauthorized)
	want := i18n.T(i18n.Chinese, "access.bad_credentials", nil)
	if got := run(b, "read #login-error", chromedp.Text(chromedp.ID("login-error"))); !strings.Contains(got, want) {
		t.Errorf("#login-error = %q, want %q", got, want)
	}
	if b.hasCookie(access.SessionCookie) {
		t.Errorf("a wrong password started a session")
	}
}

// importRefused uploads a workbook made from the server's own template with two bad rows
// and checks that the result page lists each bad cell and that no business was written.
func (b *browser) importRefused(srv *demoServer) {
	b.t.Helper()
	path := b.badWorkbook()
	before := countBusinesses(b.t, srv.store)
	b.open("/businesses/import", "import-form")
	b.do("choose the bad workbook", chromedp.SetUploadFiles(chromedp.CSS(`#import-form input[type="file"][name="file"]`), []string{path}))
	resp := b.pageWithin(importTimeout, "upload the bad workbook", chromedp.Click(chromedp.CSS(`#import-form [type="submit"]`)))
	if resp.Status != http.StatusBadRequest {
		b.t.Errorf("a refused import answered %d, want 400", resp.Status)
	}
	b.do("wait for #import-errors", chromedp.WaitVisible(chromedp.ID("import-errors")))

	rows := run(b, "read #import-errors", chromedp.Evaluate[[][]string](
		`Array.from(document.querySelectorAll("#import-errors tbody tr"), tr => Array.from(tr.cells, td => td.innerText.trim()))`))
	wants := []struct{ row, column, message string }{
		{"2", "统一社会信用代码", i18n.T(i18n.Chinese, "rule.uscc_checksum", nil)},
		{"3", "纬度", i18n.T(i18n.Chinese, "rule.latitude_range", nil)},
	}
	for _, w := range wants {
		if !slices.ContainsFunc(rows, func(r []string) bool {
			return len(r) == 4 && r[0] == w.row && strings.Contains(r[1], w.column) && strings.Contains(r[3], w.message)
		}) {
			b.t.Errorf("#import-errors lacks row %s, column %s: %q; it lists %q", w.row, w.column, w.message, rows)
		}
	}
	if after := countBusinesses(b.t, srv.store); after != before {
		b.t.Errorf("a refused import changed the businesses from %d to %d", before, after)
	}
}

// badWorkbook fetches the import template with the browser's session and fills two rows
// from its example: row 2 with a wrong USCC check character, row 3 with a latitude
// outside the city. It returns the path of the saved workbook.
func (b *browser) badWorkbook() string {
	b.t.Helper()
	resp := b.get("/businesses/import/template")
	defer resp.Body.Close()
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		b.t.Fatalf("open the import template: %v", err)
	}
	defer f.Close()
	header, err := f.GetRows(sheets.DataSheet)
	if err != nil || len(header) < 2 {
		b.t.Fatalf("template sheet %s: %d rows, %v; want a header and an example", sheets.DataSheet, len(header), err)
	}
	cell := templateCells(b.t, header[0])
	if err := f.DuplicateRow(sheets.DataSheet, 2); err != nil {
		b.t.Fatalf("copy the example row: %v", err)
	}
	set := func(field string, row int, v any) {
		if err := f.SetCellValue(sheets.DataSheet, cell(field, row), v); err != nil {
			b.t.Fatalf("set %s in row %d: %v", field, row, err)
		}
	}
	set("uscc", 2, wrongCheck(b.t, freshUSCC17+"1"))
	set("name", 2, "浏览器测试甲餐馆")
	set("licence_no", 2, "JY23399990000001")
	set("uscc", 3, withCheck(b.t, freshUSCC17+"2"))
	set("name", 3, "浏览器测试乙餐馆")
	set("licence_no", 3, "JY23399990000002")
	set("lat", 3, outsideLat)
	path := filepath.Join(b.t.TempDir(), "坏数据.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.t.Fatalf("save the bad workbook: %v", err)
	}
	return path
}

// templateCells maps a field to its cell in a row, from header cells such as
// "统一社会信用代码 uscc".
func templateCells(t testing.TB, header []string) func(field string, row int) string {
	t.Helper()
	cols := map[string]int{}
	for i, h := range header {
		if words := strings.Fields(h); len(words) > 0 {
			cols[words[len(words)-1]] = i + 1
		}
	}
	return func(field string, row int) string {
		t.Helper()
		col, ok := cols[field]
		if !ok {
			t.Fatalf("the template has no column %q: %q", field, header)
		}
		name, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			t.Fatal(err)
		}
		return name
	}
}

func withCheck(t testing.TB, first17 string) string {
	t.Helper()
	check, ok := registry.USCCCheckChar(first17)
	if !ok {
		t.Fatalf("bad USCC stem %q", first17)
	}
	return first17 + string(check)
}

// wrongCheck returns first17 with a check character from the alphabet that is not its own.
func wrongCheck(t testing.TB, first17 string) string {
	t.Helper()
	good := withCheck(t, first17)
	bad := "0"
	if good[17] == '0' {
		bad = "1"
	}
	return first17 + bad
}

// business is what the browser test expects to see of one business.
type business struct {
	id         int64
	name, uscc string
}

// searchTarget picks a business of the demo district (the demo account's own business
// first) and the two-character Chinese part of its name, after the city's name, that the
// fewest businesses share in name or address; at most searchMaxHits may share it, so that
// the business shows on the first page of results.
func searchTarget(t *testing.T, st *store.Store, city *demo.City) (business, string) {
	t.Helper()
	for _, b := range districtBusinesses(t, st, city.Demo) {
		name := strings.TrimPrefix(strings.TrimPrefix(b.name, city.Name), strings.TrimSuffix(city.Name, "市"))
		best, fewest := "", searchMaxHits+1
		for _, term := range hanPairs(name) {
			if n := countMatches(t, st, term); n < fewest {
				best, fewest = term, n
			}
		}
		if best != "" {
			return b, best
		}
	}
	t.Fatalf("no business of district %d has a two-character name part shared by at most %d businesses", city.Demo.DistrictID, searchMaxHits)
	return business{}, ""
}

// districtBusinesses lists up to 50 businesses of the demo district, its demo business first.
func districtBusinesses(t *testing.T, st *store.Store, ids demo.DemoIDs) []business {
	t.Helper()
	rows, err := st.ReadDB().QueryContext(context.Background(), `SELECT id, name, uscc FROM businesses
		WHERE district_id = $1 ORDER BY CASE WHEN id = $2 THEN 0 ELSE 1 END, id LIMIT 50`, ids.DistrictID, ids.BusinessID)
	if err != nil {
		t.Fatalf("list businesses: %v", err)
	}
	defer rows.Close()
	var out []business
	for rows.Next() {
		var b business
		if err := rows.Scan(&b.id, &b.name, &b.uscc); err != nil {
			t.Fatalf("scan business: %v", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("list businesses: %v", err)
	}
	return out
}

// countMatches counts the businesses whose name or address contains term.
func countMatches(t *testing.T, st *store.Store, term string) int {
	t.Helper()
	var n int
	err := st.ReadDB().QueryRowContext(context.Background(),
		`SELECT count(*) FROM businesses WHERE name LIKE $1 OR address LIKE $1`, "%"+term+"%").Scan(&n)
	if err != nil {
		t.Fatalf("count businesses with %s: %v", term, err)
	}
	return n
}

// hanPairs lists the pairs of neighbouring Han characters of s, in order.
func hanPairs(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if unicode.Is(unicode.Han, r[i]) && unicode.Is(unicode.Han, r[i+1]) {
			out = append(out, string(r[i:i+2]))
		}
	}
	return out
}

func countBusinesses(t testing.TB, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM businesses`).Scan(&n); err != nil {
		t.Fatalf("count businesses: %v", err)
	}
	return n
}

// demoServer is the real application serving a fresh small demo city (seed 1) with the
// demo accounts.
type demoServer struct {
	url   string
	store *store.Store
	city  *demo.City
	app   *App
}
