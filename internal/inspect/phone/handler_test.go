package phone

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// serve sends a GET of path through the phone routes, in lang.
func serve(t *testing.T, path string, lang i18n.Lang) *httptest.ResponseRecorder {
	t.Helper()
	r := web.NewRouter(nil)
	Routes(r)
	h := web.Chain(r, web.Locale)
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: string(lang)})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestShellSpeaksTheReadersLanguage checks that the shell carries the script's messages as
// JSON in the reader's language and links the current assets and the manifest.
func TestShellSpeaksTheReadersLanguage(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		want string
		link string
	}{
		{i18n.Chinese, "待同步", `href="/m/?lang=en"`},
		{i18n.English, "To sync", `href="/m/?lang=zh-CN"`},
	} {
		rec := serve(t, "/m/", c.lang)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, c.link) || !strings.Contains(body, assetBase+"app.js") ||
			!strings.Contains(body, `rel="manifest" href="/m/manifest.webmanifest"`) {
			t.Fatalf("%s: %d\n%s", c.lang, rec.Code, body)
		}
		raw := regexp.MustCompile(`(?s)<script type="application/json" id="phone-config">(.*?)</script>`).FindStringSubmatch(body)
		var cfg struct {
			Lang     string            `json:"lang"`
			Messages map[string]string `json:"messages"`
		}
		if raw == nil || json.Unmarshal([]byte(raw[1]), &cfg) != nil {
			t.Fatalf("%s: no JSON configuration in the shell", c.lang)
		}
		if cfg.Lang != string(c.lang) || cfg.Messages["phone.pending"] != c.want || cfg.Messages["inspect.answer.pass"] == "" {
			t.Errorf("%s: configuration %s, pending %q; want %q and the inspection words", c.lang, cfg.Lang, cfg.Messages["phone.pending"], c.want)
		}
	}
}

// TestWorkerCachesTheCurrentApp checks that the service worker names this version's cache
// and every asset the shell loads.
func TestWorkerCachesTheCurrentApp(t *testing.T) {
	rec := serve(t, "/m/sw.js", i18n.Chinese)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Fatalf("sw.js: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, want := range append([]string{`"shejian-phone-` + version + `"`, `"/m/"`}, assetURLs()...) {
		if !strings.Contains(body, want) {
			t.Errorf("sw.js lacks %s", want)
		}
	}
}

func assetURLs() []string {
	var out []string
	for _, n := range assetNames {
		out = append(out, `"`+assetBase+n+`"`)
	}
	return out
}

// TestManifestMakesTheAppInstallable checks the fields an installer needs and that every
// icon it names is served with its size.
func TestManifestMakesTheAppInstallable(t *testing.T) {
	var m struct {
		Name     string `json:"name"`
		StartURL string `json:"start_url"`
		Scope    string `json:"scope"`
		Display  string `json:"display"`
		Icons    []struct{ Src, Sizes, Type string }
	}
	if err := json.Unmarshal(serve(t, "/m/manifest.webmanifest", i18n.Chinese).Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.StartURL != "/m/" || m.Scope != "/m/" || m.Display != "standalone" || m.Name != "舌尖 · 移动执法" {
		t.Errorf("manifest %+v", m)
	}
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		res := serve(t, icon.Src, i18n.Chinese)
		if res.Code != http.StatusOK || res.Header().Get("Content-Type") != icon.Type {
			t.Errorf("icon %s: %d %s", icon.Src, res.Code, res.Header().Get("Content-Type"))
			continue
		}
		if icon.Type != "image/png" {
			continue
		}
		img, err := png.Decode(bytes.NewReader(res.Body.Bytes()))
		if err != nil {
			t.Errorf("icon %s: %v", icon.Src, err)
			continue
		}
		sizes[icon.Sizes] = icon.Sizes == fmt.Sprintf("%dx%d", img.Bounds().Dx(), img.Bounds().Dy())
	}
	if !sizes["192x192"] || !sizes["512x512"] {
		t.Errorf("PNG icons %v: want 192 and 512 of their stated size", sizes)
	}
}

// TestAssetsOfAnotherVersionAreNotServed keeps a stale shell from mixing versions.
func TestAssetsOfAnotherVersionAreNotServed(t *testing.T) {
	for path, want := range map[string]int{
		assetBase + "app.js":            http.StatusOK,
		assetBase + "app.css":           http.StatusOK,
		"/m/assets/000000000000/app.js": http.StatusNotFound,
		assetBase + "shell.html":        http.StatusNotFound,
		assetBase + "sw.js":             http.StatusNotFound,
	} {
		if got := serve(t, path, i18n.Chinese).Code; got != want {
			t.Errorf("%s: %d, want %d", path, got, want)
		}
	}
}
