package app

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/i18n"
)

// TestBrowserDraw: the district admin of the demo city admits two officers of the district
// to the inspector directory, adds an inspection item to the district's list (after the form
// first refused a ratio over 100 %), creates a draw task from the task list, whose page shows
// the commitment, draws it with a public beacon and marks it published; the public then
// finds it on /public/draws.
func TestBrowserDraw(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	unit := fmt.Sprintf("/draws/units/%d", srv.city.Demo.DistrictID)

	b := newBrowser(t, chrome, srv.url)
	b.login("district", DemoPassword, http.StatusOK)
	b.open(unit+"/inspectors", "draw-admit-form")
	officers := run(b, "read the officers to admit", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#admit-person option')].map(o => o.value).filter(v => v)`))
	if len(officers) < 2 {
		t.Fatalf("the district has %d officers to admit, want at least 2\n%s", len(officers), b.diagnosis())
	}
	for _, id := range officers[:2] {
		b.pageOK("admit officer "+id, chromedp.SetValue(chromedp.ID("admit-person"), id), chromedp.Click(chromedp.ID("draw-admit-save")))
		b.wants("the inspector page", "已纳入执法检查人员名录库")
	}

	b.open(unit+"/items", "draw-item-form")
	b.do("fill the item form",
		chromedp.SetValue(chromedp.ID("item-id"), "I-DEMO-01"), chromedp.SetValue(chromedp.ID("item-name"), "餐饮服务日常监督检查"),
		chromedp.SetValue(chromedp.ID("item-basis"), "食品生产经营监督检查管理办法 第二十条"), chromedp.SetValue(chromedp.ID("item-ratio"), "120"))
	if resp := b.page("save an item with a ratio over 100 %", chromedp.Click(chromedp.ID("draw-item-save"))); resp.Status != http.StatusBadRequest {
		t.Fatalf("an item with a ratio of 120 %% answered %d, want 400\n%s", resp.Status, b.diagnosis())
	}
	if got, want := run(b, "read #ratio_percent-error", chromedp.Text(chromedp.ID("ratio_percent-error"))), i18n.T(i18n.Chinese, "rule.max", map[string]any{"max": 100}); got != want {
		t.Errorf("#ratio_percent-error = %q, want %q", got, want)
	}
	b.pageOK("save the item at 10 %", chromedp.SetValue(chromedp.ID("item-ratio"), "10"), chromedp.Click(chromedp.ID("draw-item-save")))
	b.wants("the items page", "抽查事项已保存", "I-DEMO-01", "10%")

	b.open("/draws", "draw-task-form")
	b.pageOK("create a task",
		chromedp.SetValue(chromedp.ID("task-id"), "2026-DEMO-01"), chromedp.SetValue(chromedp.ID("task-name"), "2026年餐饮服务双随机抽查"),
		chromedp.Click(chromedp.CSS(`#draw-task-form input[name="items"][value="I-DEMO-01"]`)),
		chromedp.Click(chromedp.ID("draw-task-save")))
	commitment := b.wants("the task page", "抽查任务已创建", "2026-DEMO-01", "已承诺")
	if n := len(sha256Hex.FindAllString(commitment, -1)); n != 2 {
		t.Errorf("the new task's page shows %d SHA-256 digests, want its seed hash and input digest\n%s", n, clip(commitment))
	}

	b.pageOK("draw the task", chromedp.SetValue(chromedp.ID("draw-beacon"), "福彩3D 2026070"), chromedp.Click(chromedp.ID("draw-draw-save")))
	b.wants("the drawn task", "已抽取：种子已公开", "福彩3D 2026070", "公开期限", "抽查结果（按抽取顺序）")
	b.pageOK("publish the result", chromedp.Click(chromedp.ID("draw-publish-save")))
	b.wants("the published task", "抽查结果已标记为公示", "已公示")

	public := newBrowser(t, chrome, srv.url)
	public.open("/public/draws", "public-draws")
	public.wants("the public list", "2026-DEMO-01", "2026年餐饮服务双随机抽查")
	public.pageOK("open the published draw", chromedp.Click(chromedp.CSS(`a[href="/public/draws/2026-DEMO-01"]`)))
	public.wants("the public draw", "2026-DEMO-01", "福彩3D 2026070", "shejian draw verify")
}

// sha256Hex is a SHA-256 digest in hex, as a task's commitment shows it.
var sha256Hex = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// wants checks that the page, named what, shows each of texts, and returns its text.
func (b *browser) wants(what string, texts ...string) string {
	b.t.Helper()
	body := b.bodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Errorf("%s lacks %q:\n%s", what, s, clip(body))
		}
	}
	return body
}
