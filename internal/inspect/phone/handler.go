package phone

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	textTemplate "text/template"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"

	// The script speaks the inspection's words (answers, stages, outcomes, reasons): the
	// inspect package registers them.
	_ "github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/web"
)

//go:embed assets locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var (
	shell  = template.Must(template.ParseFS(files, "assets/shell.html"))
	worker = textTemplate.Must(textTemplate.ParseFS(files, "assets/sw.js"))
)

// assetNames are the files the shell loads, served under assetBase and cached by the
// service worker at install.
var assetNames = []string{"app.js", "app.css", "icon.svg", "icon-192.png", "icon-512.png"}

// version is a digest of every embedded file, so that asset URLs and the service worker
// change when any file does and the phone replaces its cache.
var version = web.ContentDigest(files)

// assetBase is the versioned folder of the assets.
var assetBase = "/m/assets/" + version + "/"

// messagePrefixes are the message keys the script needs, sent inside the shell in the
// reader's language so that the app speaks it offline.
var messagePrefixes = []string{"phone.", "inspect.kind.", "inspect.source.", "inspect.stage.", "inspect.outcome.",
	"inspect.answer.", "inspect.reason.", "inspect.key", "inspect.general"}

// Routes registers the shell, the service worker, the manifest and the assets.
func Routes(r *web.Router) {
	r.Handle("GET /m/{$}", access.InspectionWork, "The inspectors' offline phone workspace (移动执法): an installable web app", serveShell)
	r.Handle("GET /m/sw.js", web.Public, "The phone workspace's service worker (caches the app for offline use)", serveWorker)
	r.Handle("GET /m/manifest.webmanifest", web.Public, "The phone workspace's web app manifest", serveManifest)
	r.Mount("GET /m/assets/", http.HandlerFunc(serveAsset))
}

// shellView is the data of the shell page.
type shellView struct {
	Lang, OtherLang, OtherName string
	Base                       string
	// Config is marshalled to JSON by html/template inside the script element.
	Config map[string]any
}

func serveShell(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r.Context())
	v := shellView{Lang: string(lang), Base: assetBase, OtherLang: string(i18n.English), OtherName: "English"}
	if lang == i18n.English {
		v.OtherLang, v.OtherName = string(i18n.Chinese), "中文"
	}
	v.Config = map[string]any{"lang": lang, "messages": messages(lang), "version": version}
	var buf bytes.Buffer
	if err := shell.Execute(&buf, v); err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The service worker keeps its own copy; the browser's HTTP cache must not serve a shell
	// of another language or version.
	w.Header().Set("Cache-Control", "no-cache")
	buf.WriteTo(w)
}

// messages are the script's messages in lang.
func messages(lang i18n.Lang) map[string]string {
	out := map[string]string{}
	for _, k := range i18n.Keys(lang) {
		for _, p := range messagePrefixes {
			if strings.HasPrefix(k, p) {
				out[k] = i18n.T(lang, k, nil)
			}
		}
	}
	return out
}

func serveWorker(w http.ResponseWriter, r *http.Request) {
	urls := []string{"/m/"}
	for _, n := range assetNames {
		urls = append(urls, assetBase+n)
	}
	list, _ := json.Marshal(urls)
	var buf bytes.Buffer
	if err := worker.Execute(&buf, map[string]string{"Version": version, "URLs": string(list)}); err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	buf.WriteTo(w)
}

func serveManifest(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r.Context())
	icon := func(name, size, kind string) map[string]string {
		return map[string]string{"src": assetBase + name, "sizes": size, "type": kind, "purpose": "any"}
	}
	m := map[string]any{
		"name": i18n.T(lang, "phone.app_name", nil), "short_name": i18n.T(lang, "phone.short_name", nil),
		"start_url": "/m/", "scope": "/m/", "display": "standalone", "orientation": "portrait",
		"background_color": "#ffffff", "theme_color": themeColor, "lang": lang,
		"icons": []map[string]string{icon("icon-192.png", "192x192", "image/png"), icon("icon-512.png", "512x512", "image/png"),
			icon("icon.svg", "any", "image/svg+xml")},
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	json.NewEncoder(w).Encode(m)
}

// serveAsset serves /m/assets/{version}/{name}; a version other than the current one is
// not found, so that a stale shell cannot mix old and new files.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, assetBase)
	if !ok {
		http.NotFound(w, r)
		return
	}
	var (
		data []byte
		kind string
	)
	switch name {
	case "icon-192.png":
		data, kind = icon192, "image/png"
	case "icon-512.png":
		data, kind = icon512, "image/png"
	case "app.js", "app.css", "icon.svg":
		data, _ = files.ReadFile("assets/" + name)
		kind = map[string]string{"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
			"svg": "image/svg+xml"}[name[strings.LastIndexByte(name, '.')+1:]]
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(data)
}
