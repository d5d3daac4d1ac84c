package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
)

// TestBrowserRiskForms: the district admin records the static risk factors (静态风险因素)
// of the demo restaurant from its grade page, after the form was first refused for a count
// that is no number, grades it and sees the kept grade replace the preview; then imports a
// history CSV made from the page's example file, a version with a bad row refused row by
// row and nothing written, and grades again to see the imported record scored.
func TestBrowserRiskForms(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	page := fmt.Sprintf("/risk/businesses/%d", srv.city.Demo.BusinessID)

	b := newBrowser(t, chrome, srv.url)
	b.login("district", DemoPassword, http.StatusOK)
	b.open(page, "risk-factors-form")
	b.do("wait for the preview", chromedp.WaitVisible(chromedp.ID("risk-preview")))
	before := b.gradeShown()

	b.do("fill the factors of a group-meal supplier serving every class",
		chromedp.SetValue(chromedp.ID("risk-catering_format"), "group_meal"),
		chromedp.SetValue(chromedp.ID("risk-diners"), "一千二"))
	run(b, "tick every class", chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#risk-catering_classes input"), c => c.checked = true).length`))
	if resp := b.page("save the factors", chromedp.Click(chromedp.ID("risk-factors-save"))); resp.Status != http.StatusBadRequest {
		t.Fatalf("factors with diners that are no number answered %d, want 400\n%s", resp.Status, b.diagnosis())
	}
	if got, want := run(b, "read #risk_diners-error", chromedp.Text(chromedp.ID("risk_diners-error"))), i18n.T(i18n.Chinese, "rule.integer", nil); got != want {
		t.Errorf("#risk_diners-error = %q, want %q", got, want)
	}
	b.pageOK("correct the diners and save",
		chromedp.SetValue(chromedp.ID("risk-diners"), "1200"), chromedp.Click(chromedp.ID("risk-factors-save")))
	b.riskPage(i18n.T(i18n.Chinese, "risk.factors_saved", nil), i18n.T(i18n.Chinese, "risk.form.recorded", nil))

	b.pageOK("grade now", chromedp.Click(chromedp.ID("risk-grade-now")))
	b.riskPage(i18n.T(i18n.Chinese, "risk.graded", nil), "集体用餐配送", "生食类")
	after := b.gradeShown()
	if after == before || b.has("risk-preview") || !b.has("risk-history") {
		t.Errorf("the grade page after grading shows %q (before %q), preview %v, history %v", after, before, b.has("risk-preview"), b.has("risk-history"))
	}

	good := b.exampleHistory(srv.store, srv.city.Demo.BusinessID)
	b.importHistory(strings.Replace(good, "2026-01-15", "2026-02-30", 1), http.StatusBadRequest)
	rows := run(b, "read #import-errors", chromedp.Evaluate[[][]string](
		`Array.from(document.querySelectorAll("#import-errors tbody tr"), tr => Array.from(tr.cells, td => td.innerText.trim()))`))
	if len(rows) != 1 || rows[0][0] != "4" || rows[0][1] != "日期" || rows[0][2] != i18n.T(i18n.Chinese, "rule.date", nil) {
		t.Errorf("#import-errors lists %q, want row 4's date", rows)
	}
	b.importHistory(good, http.StatusOK)
	if got, want := run(b, "read #import-success", chromedp.Text(chromedp.ID("import-success"))),
		i18n.T(i18n.Chinese, "risk.import.done", map[string]any{"rows": 4, "imported": 4, "repeats": 0}); got != want {
		t.Errorf("#import-success = %q, want %q", got, want)
	}

	b.open(page, "risk-grade-now")
	b.pageOK("grade again", chromedp.Click(chromedp.ID("risk-grade-now")))
	b.riskPage(i18n.T(i18n.Chinese, "risk.factor.inspection_basic", nil), i18n.T(i18n.Chinese, "risk.adjust.penalty", nil))
}

// gradeShown is the grade and total the grade page shows.
func (b *browser) gradeShown() string {
	b.t.Helper()
	return run(b, "read the grade", chromedp.Text(chromedp.CSS(`#risk-grade .grade-line`)))
}

// has reports whether the page has an element with id.
func (b *browser) has(id string) bool {
	b.t.Helper()
	return run(b, "look for #"+id, chromedp.Evaluate[bool](`document.getElementById("`+id+`") !== null`))
}

// riskPage checks that the page is a grade page that shows each of texts.
func (b *browser) riskPage(texts ...string) {
	b.t.Helper()
	b.do("wait for the grade page", chromedp.WaitVisible(chromedp.ID("risk-grade-value")))
	body := b.bodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Errorf("the grade page lacks %q:\n%s", s, clip(body))
		}
	}
}

// exampleHistory downloads the import page's example file and puts business id in place of
// each of its businesses.
func (b *browser) exampleHistory(st *store.Store, id int64) string {
	b.t.Helper()
	resp := b.get("/risk/history/import/example.csv")
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	var uscc string
	if err := st.DB().QueryRowContext(context.Background(), `SELECT uscc FROM businesses WHERE id = $1`, id).Scan(&uscc); err != nil {
		b.t.Fatal(err)
	}
	return regexp.MustCompile(`(?m)^[0-9A-Z]{18},`).ReplaceAllString(string(data), uscc+",")
}

// importHistory uploads csv on the import page and checks the status of the report.
func (b *browser) importHistory(csv string, status int64) {
	b.t.Helper()
	path := filepath.Join(b.t.TempDir(), "history.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		b.t.Fatal(err)
	}
	b.open("/risk/history/import", "import-form")
	b.do("choose the history file", chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{path}))
	if resp := b.pageWithin(importTimeout, "import the history", chromedp.Click(chromedp.ID("import-submit"))); resp.Status != status {
		b.t.Fatalf("the import answered %d, want %d\n%s", resp.Status, status, b.diagnosis())
	}
}
