package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Page is a parsed page template bound to the shared layout. Pages are parsed at start-up
// (MustPage) so that a broken template stops the program instead of a request.
type Page struct {
	name string
	tmpl *template.Template
}

// View is what every page template receives: the page's own Data plus what the layout needs.
type View struct {
	Lang    i18n.Lang
	User    *User
	Nav     []NavItem
	Path    string
	Title   string
	Data    any
	Flash   string
	Request *http.Request
}

var errorPage = MustPage(files, "templates/error.html")

// MustPage parses the layout, the page file name of fsys and any partials it uses,
// panicking on error.
func MustPage(fsys fs.FS, name string, partials ...string) *Page {
	t := template.New("layout").Funcs(funcs)
	t = template.Must(t.ParseFS(files, "templates/layout.html"))
	t = template.Must(t.ParseFS(fsys, append([]string{name}, partials...)...))
	return &Page{name: name, tmpl: t}
}

// deref returns what a pointer points at, or "" for a nil pointer (optional fields).
func deref(p any) any {
	v := reflect.ValueOf(p)
	if !v.IsValid() || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return ""
	}
	if v.Kind() == reflect.Pointer {
		return v.Elem().Interface()
	}
	return p
}

// Render executes the page with data into a buffer first, so that a template error becomes a
// clean 500 instead of half a page.
func (p *Page) Render(w http.ResponseWriter, r *http.Request, data any) {
	v := View{
		Lang: LangFrom(r.Context()), User: UserFrom(r.Context()), Path: r.URL.Path,
		Data: data, Request: r,
	}
	// A flash names a message key after a redirect; unknown keys are ignored so that a
	// crafted link cannot put arbitrary text on the page.
	if key := r.URL.Query().Get("flash"); i18n.Has(v.Lang, key) {
		v.Flash = key
	}
	v.Nav = Nav(r.Context(), v.Lang, r.URL.Path)
	var buf bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&buf, "layout", v); err != nil {
		slog.ErrorContext(r.Context(), "render page", "page", p.name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	buf.WriteTo(w)
}

var funcs = template.FuncMap{
	"t": func(lang i18n.Lang, key string, kv ...any) string {
		return i18n.T(lang, key, pairs(kv))
	},
	"tp": func(lang i18n.Lang, key string, params map[string]any) string {
		return i18n.T(lang, key, params)
	},
	"fieldErrors": func(lang i18n.Lang, err error) map[string]string {
		out := map[string]string{}
		for _, f := range apperr.From(err).Fields {
			out[f.Field] = i18n.T(lang, "rule."+f.Rule, f.Params)
		}
		return out
	},
	"errorText": func(lang i18n.Lang, err error) string {
		return NewProblem(lang, err).Title
	},
	"date": func(t *time.Time) string {
		if t == nil || t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	},
	"datetime":  func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") },
	"query":     queryWith,
	"add":       func(a, b int) int { return a + b },
	"hasPrefix": strings.HasPrefix,
	"static":    StaticURL,
	"dict":      pairs2,
	"deref":     deref,
	"list":      func(xs ...string) []string { return xs },
	// permits says whether the signed-in user u may open what needs access level a, so
	// that a page offers only the links its reader can follow.
	"permits": func(u *User, a string) bool { return u != nil && u.Permits != nil && u.Permits(Access(a)) },
}

// pairs2 builds a map from alternating keys and values, for passing several values to a
// sub-template.
func pairs2(kv ...any) map[string]any { return pairs(kv) }

func pairs(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// queryWith returns the request's query with key set to value (for pagination and sort links).
func queryWith(r *http.Request, key string, value any) string {
	q := r.URL.Query()
	q.Set(key, fmt.Sprint(value))
	q.Del("flash")
	return "?" + q.Encode()
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return url.QueryEscape(next)
}
