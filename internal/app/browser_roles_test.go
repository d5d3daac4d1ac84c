package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/i18n"
)

// TestBrowserAccountRoles has the district admin tick two roles for a new account on the
// accounts page, then change them in the account's row; the new account, logged in, sees
// its roles on its own page.
func TestBrowserAccountRoles(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	admin := newBrowser(t, chrome, srv.url)
	admin.login("district", DemoPassword, http.StatusOK)

	admin.open("/users", "user-create")
	create := `form[action="/users"] `
	admin.pageOK("create an inspector who coordinates",
		chromedp.SendKeys(chromedp.CSS(create+`input[name="login"]`), "dual"),
		chromedp.Click(chromedp.CSS(create+`input[value="station_inspector"]`)),
		chromedp.Click(chromedp.CSS(create+`input[value="coordinator"]`)),
		chromedp.SendKeys(chromedp.CSS(create+`input[name="password"]`), "two-hats-2026"),
		chromedp.Click(chromedp.ID("user-create")))
	admin.rolesOf("dual", "station_inspector", "coordinator")

	admin.do("open the roles of dual", chromedp.Click(chromedp.CSS(`#user-dual summary`)))
	admin.pageOK("make dual a coordinator and lab technician",
		chromedp.Click(chromedp.CSS(`#roles-dual input[value="station_inspector"]`)),
		chromedp.Click(chromedp.CSS(`#roles-dual input[value="lab_technician"]`)),
		chromedp.Click(chromedp.CSS(`#roles-dual button`)))
	admin.rolesOf("dual", "coordinator", "lab_technician")

	dual := newBrowser(t, chrome, srv.url)
	dual.login("dual", "two-hats-2026", http.StatusOK)
	dual.open("/account", "account-roles")
	if got, want := run(dual, "read #account-roles", chromedp.Text(chromedp.ID("account-roles"))), roleNames("coordinator", "lab_technician"); !strings.Contains(got, want) {
		t.Errorf("#account-roles = %q, want it to list %q", got, want)
	}
}

// rolesOf checks the roles the accounts page lists for login.
func (b *browser) rolesOf(login string, roles ...string) {
	b.t.Helper()
	got := run(b, "read the roles of "+login, chromedp.Text(chromedp.CSS(`#user-`+login+` td.roles`)))
	if want := roleNames(roles...); strings.TrimSpace(got) != want {
		b.t.Errorf("%s holds %q, want %q\n%s", login, got, want, b.diagnosis())
	}
}

// roleNames is how a page in Chinese lists roles.
func roleNames(roles ...string) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = i18n.T(i18n.Chinese, "role."+r, nil)
	}
	return strings.Join(names, i18n.T(i18n.Chinese, "access.role_separator", nil))
}
