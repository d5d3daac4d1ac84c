package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func startDemoServer(t testing.TB) *demoServer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	st := storetest.Open(t, store.SQLite)
	a, city, _ := demoApp(t, st)
	serveCtx, stop := context.WithCancel(context.Background())
	addrs, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() { done <- a.Serve(serveCtx, "127.0.0.1:0", func(addr net.Addr) { addrs <- addr }) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case addr := <-addrs:
		return &demoServer{url: "http://" + addr.String(), store: st, city: city, app: a}
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-ctx.Done():
		t.Fatalf("the server did not start: %v", ctx.Err())
	}
	return nil
}

// chromiumPath finds the browser: chromeEnv, else chromium or Chrome on PATH. Without
// one the test skips, or fails when requireBrowserEnv is 1.
func chromiumPath(t testing.TB) string {
	t.Helper()
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	if p := os.Getenv(chromeEnv); p != "" {
		names = []string{p}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium found (looked for %s; install Debian's chromium or set %s)", strings.Join(names, ", "), chromeEnv)
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("%s, and %s=1 requires the browser tests", msg, requireBrowserEnv)
	}
	t.Skipf("browser test skipped: %s", msg)
	return ""
}

// browser is one headless Chromium tab on the server at base.
type browser struct {
	t    testing.TB
	ctx  context.Context
	base string
}

func newBrowser(t testing.TB, chrome, base string) *browser {
	t.Helper()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first run starts the browser, which lives as long as ctx: no timeout on it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chrome, err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// login submits the login form and checks the status of the page it leads to.
func (b *browser) login(login, password string, status int64) {
	b.t.Helper()
	b.open("/login", "login")
	resp := b.page("log in as "+login,
		chromedp.SendKeys(chromedp.ID("login"), login),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login-submit")))
	if resp.Status != status {
		b.t.Fatalf("log in as %s: status %d, want %d\n%s", login, resp.Status, status, b.diagnosis())
	}
}

// switchLanguage follows #lang-switch and checks that the page is now in lang.
func (b *browser) switchLanguage(lang i18n.Lang) {
	b.t.Helper()
	b.pageOK("switch to "+string(lang), chromedp.Click(chromedp.ID("lang-switch")))
	if got := run(b, "read the page language", chromedp.Evaluate[string](`document.documentElement.lang`)); got != string(lang) {
		b.t.Fatalf("after #lang-switch the page is in %q, want %q", got, lang)
	}
}

// open loads path, checks that it answers 200 and waits for the element with id.
func (b *browser) open(path, id string) {
	b.t.Helper()
	b.pageOK("open "+path, chromedp.Navigate(b.base+path))
	b.do("wait for #"+id+" on "+path, chromedp.WaitVisible(chromedp.ID(id)))
}

// pageOK runs steps that load a page and checks that the page answered 200.
func (b *browser) pageOK(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if resp := b.page(what, steps...); resp.Status != http.StatusOK {
		b.t.Fatalf("%s: status %d, want 200\n%s", what, resp.Status, b.diagnosis())
	}
}

// do runs steps within actionTimeout and fails the test, showing the page, on an error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.diagnosis())
	}
}

// page runs steps that load a page and returns the response of the page's document.
func (b *browser) page(what string, steps ...chromedp.Action[chromedp.Void]) *network.Response {
	b.t.Helper()
	return b.pageWithin(actionTimeout, what, steps...)
}

func (b *browser) pageWithin(limit time.Duration, what string, steps ...chromedp.Action[chromedp.Void]) *network.Response {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.diagnosis())
	}
	return resp
}

// run runs one action that returns a value, within actionTimeout.
func run[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.diagnosis())
	}
	return v
}

func (b *browser) bodyText() string {
	b.t.Helper()
	return run(b, "read the page text", chromedp.Evaluate[string](`document.body.innerText`))
}

// diagnosis is the location and the start of the text of the page, for failure messages.
func (b *browser) diagnosis() string {
	ctx, cancel := context.WithTimeout(b.ctx, diagTimeout)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return fmt.Sprintf("page %s (text unreadable: %v)", loc, err)
	}
	return fmt.Sprintf("page %s:\n%s", loc, clip(text))
}

func clip(s string) string {
	if r := []rune(s); len(r) > diagMaxRunes {
		return string(r[:diagMaxRunes]) + "…"
	}
	return s
}

// cookies returns the browser's cookies for the server.
func (b *browser) cookies() []*network.Cookie {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base + "/"}})
	if err != nil {
		b.t.Fatalf("read cookies: %v", err)
	}
	return res.Cookies
}

func (b *browser) hasCookie(name string) bool {
	b.t.Helper()
	return slices.ContainsFunc(b.cookies(), func(c *network.Cookie) bool { return c.Name == name && c.Value != "" })
}

// get fetches path outside the browser with the browser's cookies, for downloads.
func (b *browser) get(path string) *http.Response {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	b.t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, c := range b.cookies() {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatalf("GET %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		b.t.Fatalf("GET %s: %s", path, resp.Status)
	}
	return resp
}
