package app

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
)

// TestBrowserCreditRepair: the district admin enters a heavier penalty and, resting on it, a
// serious-dishonesty listing (严重违法失信名单) of the demo business from the credit forms,
// after the listing form was first refused for want of its penalty, and publishes the
// listing; the business's operator asks for credit repair (信用修复) of the listing from its
// page; the district admin approves it, and both see the listing repaired.
func TestBrowserCreditRepair(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	y, m, d := time.Now().In(calendar.China).Date()
	monthsAgo := func(n int) string {
		return time.Date(y, m-time.Month(n), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	file := fmt.Sprintf("/credit/businesses/%d", srv.city.Demo.BusinessID)

	bureau := newBrowser(t, chrome, srv.url)
	bureau.login("district", DemoPassword, http.StatusOK)
	penalty := bureau.enterCreditRecord(file, http.StatusOK, map[string]string{"kind": "penalty", "document_number": "江市监罚〔2025〕31号",
		"decided_on": monthsAgo(14), "violation": "经营超过保质期的食品", "fine_yuan": "80000"}, `input[value="fine"]`, `input[name="severe"]`)
	listing := map[string]string{"kind": "serious_dishonesty", "document_number": "江市监信〔2025〕4号", "decided_on": monthsAgo(13),
		"reason": "因经营超过保质期的食品受到较重行政处罚"}
	bureau.enterCreditRecord(file, http.StatusBadRequest, listing)
	if got, want := run(bureau, "read #penalty_id-error", chromedp.Text(chromedp.ID("penalty_id-error"))),
		i18n.T(i18n.Chinese, "rule.credit_serious_needs_heavier", nil); got != want {
		t.Errorf("#penalty_id-error = %q, want %q", got, want)
	}
	bureau.pageOK("choose the penalty and save the listing",
		chromedp.SetValue(chromedp.ID("credit-penalty"), penalty), chromedp.Click(chromedp.ID("credit-record-save")))
	listed := bureau.recordPage("严重违法失信名单", "江市监信〔2025〕4号", "逾期未公示")
	bureau.pageOK("publish the listing",
		chromedp.SetValue(chromedp.CSS(`#credit-publish-form input[name="on"]`), monthsAgo(13)),
		chromedp.Click(chromedp.CSS(`#credit-publish-form button`)))
	bureau.recordPage("江市监信〔2025〕4号", "公示中", "已保存")

	operator := newBrowser(t, chrome, srv.url)
	operator.login("operator", DemoPassword, http.StatusOK)
	operator.open(listed, "credit-repair-form")
	operator.pageOK("ask for credit repair",
		chromedp.SetValue(chromedp.ID("repair-reason"), "已缴清罚款，问题食品全部下架销毁"),
		chromedp.SetValue(chromedp.ID("repair-evidence"), "罚款缴纳凭证、整改报告"),
		chromedp.Click(chromedp.ID("repair-obligations")), chromedp.Click(chromedp.ID("repair-harm")),
		chromedp.Click(chromedp.ID("credit-repair-save")))
	operator.recordPage("严重违法失信名单", "江市监信〔2025〕4号", "公示中", "已保存", "待决定", "已缴清罚款")

	bureau.open(listed, "credit-decision-form")
	bureau.pageOK("approve the repair",
		chromedp.Click(chromedp.CSS(`#credit-decision-form input[name="approve"][value="1"]`)),
		chromedp.SetValue(chromedp.CSS(`#credit-decision-form textarea[name="reason"]`), "已履行义务、消除不良影响"),
		chromedp.Click(chromedp.ID("credit-decision-save")))
	bureau.recordPage("严重违法失信名单", "江市监信〔2025〕4号", "已信用修复", "准予修复", "已履行义务")

	operator.open(file, "credit-records")
	if body := operator.bodyText(); !strings.Contains(body, "已信用修复") || !strings.Contains(body, "准予修复") {
		t.Errorf("the operator's credit file does not show the repaired listing:\n%s", clip(body))
	}
}

// enterCreditRecord opens the credit-record form from the business's credit file at file,
// fills fields by name and ticks the boxes of selectors, saves, and checks the status of the
// page that follows; it returns the id of the record saved (the page it redirects to), or ""
// for a refused form.
func (b *browser) enterCreditRecord(file string, status int64, fields map[string]string, ticks ...string) string {
	b.t.Helper()
	b.open(file, "credit-new-record")
	b.pageOK("open the credit-record form", chromedp.Click(chromedp.ID("credit-new-record")))
	var steps []chromedp.Action[chromedp.Void]
	for name, v := range fields {
		steps = append(steps, chromedp.SetValue(chromedp.CSS(`#credit-record-form [name="`+name+`"]`), v))
	}
	for _, sel := range ticks {
		steps = append(steps, chromedp.Click(chromedp.CSS(`#credit-record-form `+sel)))
	}
	b.do("fill the credit-record form", steps...)
	if resp := b.page("save the credit record", chromedp.Click(chromedp.ID("credit-record-save"))); resp.Status != status {
		b.t.Fatalf("saving the credit record answered %d, want %d\n%s", resp.Status, status, b.diagnosis())
	}
	if status != http.StatusOK {
		return ""
	}
	return path.Base(b.recordPage(fields["document_number"], "已保存"))
}

// recordPage checks that the page is a credit record's that shows each of texts, and returns
// its path.
func (b *browser) recordPage(texts ...string) string {
	b.t.Helper()
	b.do("wait for the record page", chromedp.WaitVisible(chromedp.ID("credit-record-state")))
	body := b.bodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Errorf("the record page lacks %q:\n%s", s, clip(body))
		}
	}
	loc, err := url.Parse(run(b, "read the record's address", chromedp.Location()))
	if err != nil {
		b.t.Fatal(err)
	}
	return loc.Path
}
