package web

import (
	"context"
	"strings"

	"github.com/shejian/shejian/internal/i18n"
)

// NavItem is one capability in the main navigation; unbuilt ones are shown greyed so that
// users see where the system is going.
type NavItem struct {
	Key    string
	Href   string
	Label  string
	Built  bool
	Active bool
}

// capability is a navigation entry; Built flips to true as each capability lands.
type capability struct {
	key, href string
	built     bool
}

var capabilities = []capability{
	{"registry", "/businesses", true},
	{"org", "/org", true},
	{"trace", "/trace", true},
	{"risk", "/risk", true},
	{"draw", "/draws", true},
	{"inspect", "/inspections", true},
	{"enforce", "/cases", true},
	{"sampling", "/sampling", false},
	{"warning", "/alerts", false},
	{"source", "/source", false},
	{"catering", "/catering", false},
	{"assess", "/assessment", false},
	{"portal", "/public", false},
	{"rules", "/rules", true},
	{"users", "/users", true},
	{"audit", "/audit", true},
}

// Nav returns the navigation in lang with the entry for path marked active, leaving out the
// built capabilities whose page the caller of ctx may not open.
func Nav(ctx context.Context, lang i18n.Lang, path string) []NavItem {
	out := make([]NavItem, 0, len(capabilities))
	for _, c := range capabilities {
		if c.built && !mayOpen(ctx, c.href) {
			continue
		}
		out = append(out, NavItem{
			Key: c.key, Href: c.href, Built: c.built,
			Label:  i18n.T(lang, "nav."+c.key, nil),
			Active: c.built && strings.HasPrefix(path, c.href),
		})
	}
	return out
}

// mayOpen reports whether the caller of ctx passes the access check of GET href.
func mayOpen(ctx context.Context, href string) bool {
	router, u := routerFrom(ctx), UserFrom(ctx)
	if router == nil {
		return true
	}
	access, ok := router.AccessOf("GET", href)
	switch {
	case !ok || access == Public:
		return true
	case u == nil:
		return false
	case access == Authenticated:
		return true
	}
	return u.Permits != nil && u.Permits(access)
}
