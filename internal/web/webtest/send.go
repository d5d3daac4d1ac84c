// Package webtest serves test requests through a package's routes as the middleware would
// have prepared them, and runs form scenarios (表单场景) on them, so that the page tests of
// every package share one sender and one runner. Only tests import it.
package webtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// CSRFToken is the session token of the users Staff makes; the pages' forms must carry it.
const CSRFToken = "csrf-of-the-session"

// Caller is who sends a request: the signed-in user (nil for the public) and the access scope
// the guard would have derived from the session.
type Caller struct {
	User  *web.User
	Scope access.Scope
}

// Staff is a signed-in user who holds role alone, in scope, with the session's CSRFToken, so
// that the real access guard grants exactly what role may do.
func Staff(role access.Role, scope access.Scope) Caller {
	return Caller{&web.User{ID: 2, Login: string(role), Role: string(role), CSRFToken: CSRFToken, Permits: access.RoleSet{role}.Can}, scope}
}

// Request is what a test sends: who, in which language, and the method, path and body.
type Request struct {
	Who          Caller
	Lang         i18n.Lang // Chinese when empty
	Method, Path string
	Form         url.Values // posted url-encoded when set
	ContentType  string     // the type of Body when no Form is set; no header when empty
	Body         string
}

// Send serves r through router with its caller's user and scope and its language on the
// request's context, where the session and language middleware would have put them.
func Send(router http.Handler, r Request) *httptest.ResponseRecorder {
	contentType, body := r.ContentType, r.Body
	if r.Form != nil {
		contentType, body = "application/x-www-form-urlencoded", r.Form.Encode()
	}
	req := httptest.NewRequest(r.Method, r.Path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	lang := r.Lang
	if lang == "" {
		lang = i18n.Chinese
	}
	ctx := web.WithLang(access.WithScope(web.WithUser(req.Context(), r.Who.User), r.Who.Scope), lang)
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, req.WithContext(ctx))
	return rec
}
