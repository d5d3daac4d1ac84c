// Package web is the shared HTTP plumbing: routing with a route list that tests and the
// OpenAPI document check against, middleware, page rendering in two languages, JSON helpers
// and the one function that turns errors into responses.
package web

import (
	"context"

	"github.com/shejian/shejian/internal/i18n"
)

// User is the authenticated caller as the web layer sees it; access fills it in.
type User struct {
	ID    int64
	Login string
	Name  string
	// Role is the caller's roles joined with "," ("district_admin,lab_technician"), as the
	// audit log records them: all of a session's account, the one of an API token.
	Role       string
	OrgUnitID  int64
	BusinessID int64 // set for business operators
	CSRFToken  string
	ViaToken   bool // authenticated by an API bearer token, not a session
	// Permits says whether the caller holds an access level that names a permission;
	// the navigation uses it to leave out what the caller may not open.
	Permits func(Access) bool
}

type ctxKey int

const (
	userKey ctxKey = iota
	langKey
)

// WithUser returns ctx carrying u.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFrom returns the caller, or nil for an anonymous request.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// WithLang returns ctx carrying the caller's language.
func WithLang(ctx context.Context, l i18n.Lang) context.Context {
	return context.WithValue(ctx, langKey, l)
}

// LangFrom returns the caller's language (Chinese when unset).
func LangFrom(ctx context.Context) i18n.Lang {
	if l, ok := ctx.Value(langKey).(i18n.Lang); ok {
		return l
	}
	return i18n.Chinese
}
