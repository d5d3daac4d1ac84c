package app

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/risk"
)

// trainTimeout bounds the page that trains the targeting ranker on the demo city's three
// years of record: some 20 s of CPU, and over two minutes under -race, as CI runs it.
const trainTimeout = 10 * time.Minute

// TestBrowserTargeting: the district admin opens predictive targeting (预测性检查排序), chooses
// the demo station and sees its businesses likeliest first, each with the factors that raised
// its probability, as the service ranks them; only those still owed narrows the list to the
// businesses owing an inspection this year, among them a restaurant licensed three years ago
// and never inspected. The admin of another district is offered only its own stations and
// finds the demo station's list not found.
func TestBrowserTargeting(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	// `shejian demo` gives every business a record and a grade: the ranker learns from it.
	if err := gradeDemoCity(context.Background(), srv.store, demo.Options{Size: srv.city.Size, Seed: srv.city.Seed}, io.Discard); err != nil {
		t.Fatal(err)
	}
	overdue := neverInspected(t, srv)
	station := srv.city.Demo.StationID

	b := newBrowser(t, chrome, srv.url)
	b.login("district", DemoPassword, http.StatusOK)
	b.open("/risk/targeting", "targeting-stations")
	link := chromedp.CSS(fmt.Sprintf(`#targeting-stations a[href^="/risk/targeting?unit=%d&"]`, station))
	if resp := b.pageWithin(trainTimeout, "choose the demo station", chromedp.Click(link)); resp.Status != http.StatusOK {
		t.Fatalf("the demo station's targeting answered %d, want 200\n%s", resp.Status, b.diagnosis())
	}
	all := b.targetRows()
	checkTargetOrder(t, all)
	if want := b.servedTargets(station); !reflect.DeepEqual(all, want) {
		t.Fatalf("the page lists\n%v\nthe service ranks\n%v", all, want)
	}

	owed := b.onlyOwed(all, overdue)
	t.Logf("the demo station lists %d businesses, %d of them owing; the likeliest: %s at %s (%s)",
		len(all), len(owed), all[0].Name, all[0].Percent, strings.Join(all[0].Reasons, "; "))

	o := newBrowser(t, chrome, srv.url)
	o.login(otherDistrictAdmin(t, srv), DemoPassword, http.StatusOK)
	o.targetingRefused(station, all)
}

// onlyOwed follows the link to the businesses still owed inspections and checks that it
// lists those of all that owe, in the same order, fewer than all, business overdue among
// them; it returns the list.
func (b *browser) onlyOwed(all []targetRow, overdue int64) []targetRow {
	b.t.Helper()
	b.pageOK("list only those still owed", chromedp.Click(chromedp.ID("targeting-only-owed")))
	if loc := run(b, "read the location", chromedp.Location()); !strings.Contains(loc, "owed=1") {
		b.t.Fatalf("only those owed opened %s", loc)
	}
	owed := b.targetRows()
	want := slices.DeleteFunc(slices.Clone(all), func(r targetRow) bool { return r.Owed == 0 })
	if !reflect.DeepEqual(owed, want) {
		b.t.Fatalf("only those owed lists\n%v\nwant the %d of %d that owe, in the same order\n%v", owed, len(want), len(all), want)
	}
	if len(owed) == len(all) || !slices.ContainsFunc(owed, func(r targetRow) bool { return r.Business == overdue }) {
		b.t.Fatalf("only those owed lists %d of %d businesses, want fewer and business %d among them", len(owed), len(all), overdue)
	}
	return owed
}

// targetingRefused checks, for a caller outside station's district, that the stations offered
// are others and that station's list, whose businesses are listed, is not found and shows
// none of them.
func (b *browser) targetingRefused(station int64, listed []targetRow) {
	b.t.Helper()
	b.open("/risk/targeting", "targeting-stations")
	offered := run(b, "read the stations offered", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#targeting-stations a"), a => new URLSearchParams(a.search).get("unit"))`))
	if len(offered) == 0 || slices.Contains(offered, strconv.FormatInt(station, 10)) {
		b.t.Errorf("the stations offered are %v, want some and not the demo station %d", offered, station)
	}
	resp := b.page("open the demo station's targeting", chromedp.Navigate(fmt.Sprintf("%s/risk/targeting?unit=%d", b.base, station)))
	if resp.Status != http.StatusNotFound {
		b.t.Fatalf("the demo station's targeting answered %d, want 404\n%s", resp.Status, b.diagnosis())
	}
	body := b.bodyText()
	for _, r := range listed {
		if strings.Contains(body, r.Name) {
			b.t.Fatalf("the refused page shows %s:\n%s", r.Name, clip(body))
		}
	}
}

// targetRow is one business as the targeting page lists it.
type targetRow struct {
	Business int64    `json:"business"`
	Name     string   `json:"name"`
	Percent  string   `json:"percent"`
	Reasons  []string `json:"reasons"`
	Owed     int      `json:"owed"`
}

// targetRows reads the businesses the targeting page lists, in its order.
func (b *browser) targetRows() []targetRow {
	b.t.Helper()
	b.do("wait for the list", chromedp.WaitVisible(chromedp.ID("targeting-businesses")))
	return run(b, "read #targeting-businesses", chromedp.Evaluate[[]targetRow](`Array.from(
		document.querySelectorAll("#targeting-businesses tbody tr"), tr => tr.cells.length < 6 ? null : {
			business: Number(tr.cells[1].querySelector("a").getAttribute("href").split("/").pop()),
			name: tr.cells[1].innerText.trim(),
			percent: tr.cells[2].innerText.trim(),
			reasons: Array.from(tr.cells[3].querySelectorAll(".reason"), s => s.innerText.trim()),
			owed: Number(tr.cells[5].innerText.trim()),
		}).filter(r => r !== null)`))
}

// checkTargetOrder checks that rows run from the highest probability shown to the lowest,
// not all alike, and that the likeliest business says why.
func checkTargetOrder(t *testing.T, rows []targetRow) {
	t.Helper()
	if len(rows) < 2 {
		t.Fatalf("the station lists %d businesses, want several", len(rows))
	}
	percents := make([]float64, len(rows))
	for i, r := range rows {
		p, err := strconv.ParseFloat(strings.TrimSuffix(r.Percent, "%"), 64)
		if err != nil {
			t.Fatalf("row %d (%s) shows the probability %q: %v", i+1, r.Name, r.Percent, err)
		}
		percents[i] = p
	}
	if !slices.IsSortedFunc(percents, func(a, b float64) int { return cmp.Compare(b, a) }) || percents[0] == percents[len(percents)-1] {
		t.Fatalf("the probabilities shown are not in descending order: %v", percents)
	}
	if len(rows[0].Reasons) == 0 {
		t.Fatalf("the likeliest business, %s, shows no reason", rows[0].Name)
	}
}

// servedTargets is the targeting list of unit from the API, with the browser's session, as
// the page should show it: the probability to a tenth of a percent and each reason under
// its Chinese name with its parameters.
func (b *browser) servedTargets(unit int64) []targetRow {
	b.t.Helper()
	path := fmt.Sprintf("/api/v1/risk/targeting?unit=%d", unit)
	resp := b.get(path)
	defer resp.Body.Close()
	var list risk.TargetList
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		b.t.Fatalf("decode %s: %v", path, err)
	}
	rows := make([]targetRow, len(list.Businesses))
	for i, t := range list.Businesses {
		rows[i] = targetRow{Business: t.BusinessID, Name: t.Name, Percent: fmt.Sprintf("%.1f%%", t.Percent()), Owed: t.Owed, Reasons: []string{}}
		for _, r := range t.Reasons {
			if !i18n.Has(i18n.Chinese, r.Key()) {
				b.t.Errorf("reason %q of %s has no Chinese name %s", r.Feature, t.Name, r.Key())
			}
			label := i18n.T(i18n.Chinese, r.Key(), nil)
			if d := r.Detail(); d != "" {
				label += " (" + d + ")"
			}
			rows[i].Reasons = append(rows[i].Reasons, label)
		}
	}
	return rows
}

// neverInspected registers a restaurant at the demo station, licensed three years ago and
// never inspected: its full-checklist inspection (Order 49 art. 22, every two years) is
// late on any day of the year, so it owes one whatever the date the test runs on.
func neverInspected(t *testing.T, srv *demoServer) int64 {
	t.Helper()
	ctx := context.Background()
	businesses := registry.NewBusinessStore(srv.store)
	model, err := businesses.Get(ctx, srv.city.Demo.BusinessID)
	if err != nil {
		t.Fatal(err)
	}
	in := model.Input()
	issued := time.Now().In(calendar.China).AddDate(-3, 0, 0)
	in.USCC, in.LicenceNo, in.Name = withCheck(t, freshUSCC17+"7"), "JY23399990000007", "排序测试未检查餐馆"
	in.LicenceIssued, in.LicenceExpiry = issued.Format(time.DateOnly), issued.AddDate(5, 0, 0).Format(time.DateOnly)
	b, err := businesses.Create(ctx, in)
	if err != nil {
		t.Fatalf("register a restaurant never inspected: %v", err)
	}
	return b.ID
}

// otherDistrictAdmin creates the admin of a district other than the demo one and returns its
// login; its password is the demo password.
func otherDistrictAdmin(t *testing.T, srv *demoServer) string {
	t.Helper()
	ctx := context.Background()
	var district int64
	if err := srv.store.DB().QueryRowContext(ctx, `SELECT min(id) FROM org_units WHERE kind = 'district' AND id <> $1`,
		srv.city.Demo.DistrictID).Scan(&district); err != nil {
		t.Fatal(err)
	}
	const login = "other-district"
	_, err := access.NewUsers(srv.store).Create(ctx, access.NewUser{Login: login, DisplayName: "邻区管理员",
		Roles: access.RoleSet{access.RoleDistrictAdmin}, OrgUnitID: district, Password: DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	return login
}
