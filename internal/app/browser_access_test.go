package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/access"
)

// TestBrowserAccess logs in as the district admin after failing often enough to be locked
// out, then tries to open a business of another district and is told it does not exist.
func TestBrowserAccess(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	b := newBrowser(t, chrome, srv.url)

	for i := 1; i < access.MaxFailures; i++ {
		b.login("district", "not-the-password", http.StatusUnauthorized)
	}
	b.login("district", "not-the-password", http.StatusTooManyRequests)
	if msg := run(b, "read the lockout message", chromedp.Text(chromedp.ID("login-error"))); !strings.Contains(msg, "临时锁定") {
		t.Errorf("lockout message = %q, want it to say the account is locked", msg)
	}
	b.login("district", DemoPassword, http.StatusTooManyRequests)

	// The lock runs out after access.LockoutDuration: move it into the past rather than wait.
	if _, err := srv.store.DB().ExecContext(context.Background(), `UPDATE login_failures SET locked_until = $1 WHERE login = 'district'`,
		time.Now().UTC().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	b.login("district", DemoPassword, http.StatusOK)

	var own, foreign int64
	var foreignName string
	err := srv.store.DB().QueryRowContext(context.Background(), `SELECT
		(SELECT min(id) FROM businesses WHERE district_id = $1), id, name FROM businesses WHERE district_id <> $1 ORDER BY id LIMIT 1`,
		srv.city.Demo.DistrictID).Scan(&own, &foreign, &foreignName)
	if err != nil {
		t.Fatal(err)
	}
	b.open(fmt.Sprintf("/businesses/%d", own), "business-name")
	resp := b.page("open another district's business", chromedp.Navigate(fmt.Sprintf("%s/businesses/%d", srv.url, foreign)))
	if resp.Status != http.StatusNotFound {
		t.Fatalf("another district's business answered %d, want 404\n%s", resp.Status, b.diagnosis())
	}
	if body := b.bodyText(); strings.Contains(body, foreignName) {
		t.Fatalf("the refused page shows the business:\n%s", clip(body))
	}
}
