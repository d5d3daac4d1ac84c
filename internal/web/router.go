package web

import (
	"context"
	"net/http"
	"sort"
	"strings"
)

// Access says who may call a route before any finer check of the handler itself.
type Access string

// Route access levels.
const (
	Public        Access = "public"        // anyone, including anonymous callers
	Authenticated Access = "authenticated" // any logged-in user or valid API token
)

// Route is one registered pattern; the OpenAPI test and the access tests iterate them.
type Route struct {
	Method  string
	Path    string
	Access  Access
	Summary string
}

// Router wraps http.ServeMux and remembers every route it was given.
type Router struct {
	mux    *http.ServeMux
	routes []Route
	guard  func(Access, http.Handler) http.Handler
}

// NewRouter returns an empty router; guard wraps each handler with its access check.
func NewRouter(guard func(Access, http.Handler) http.Handler) *Router {
	if guard == nil {
		guard = func(_ Access, h http.Handler) http.Handler { return h }
	}
	return &Router{mux: http.NewServeMux(), guard: guard}
}

// Handle registers "METHOD /path" with its access level and a one-line summary.
func (r *Router) Handle(pattern string, access Access, summary string, h http.HandlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		panic("web: route pattern needs a method: " + pattern)
	}
	r.routes = append(r.routes, Route{Method: method, Path: path, Access: access, Summary: summary})
	r.mux.Handle(pattern, r.guard(access, h))
}

// AccessOf returns the access level of route "METHOD path" as registered, and whether there
// is such a route.
func (r *Router) AccessOf(method, path string) (Access, bool) {
	for _, rt := range r.routes {
		if rt.Method == method && rt.Path == path {
			return rt.Access, true
		}
	}
	return "", false
}

// Mount registers a raw handler (static files, metrics) without adding it to the route list.
func (r *Router) Mount(pattern string, h http.Handler) { r.mux.Handle(pattern, h) }

// Routes lists the registered routes sorted by path then method.
func (r *Router) Routes() []Route {
	out := append([]Route(nil), r.routes...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// ServeHTTP dispatches to the registered handlers; pages rendered below it can ask the
// router what the caller may open (see Nav).
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mux.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), routerKey{}, r)))
}

type routerKey struct{}

// routerFrom returns the router serving ctx's request, or nil outside one.
func routerFrom(ctx context.Context) *Router {
	r, _ := ctx.Value(routerKey{}).(*Router)
	return r
}

// IsAPI reports whether the request addresses the JSON API rather than a page.
func IsAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/epcis")
}
