package webtest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// echo answers what the request carries: the user's login, the scope's path, the language,
// the content type and the body.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	login := "public"
	if u := web.UserFrom(r.Context()); u != nil {
		login = u.Login + "/" + u.CSRFToken
	}
	body, _ := io.ReadAll(r.Body)
	fmt.Fprintf(w, "%s|%s|%s|%s|%s", login, access.ScopeFrom(r.Context()).Path, web.LangFrom(r.Context()), r.Header.Get("Content-Type"), body)
})

func TestSend(t *testing.T) {
	admin := Staff(access.RoleDistrictAdmin, access.Scope{Path: "/1/2/", DistrictID: 2})
	tests := []struct {
		name string
		r    Request
		want string
	}{
		{"Chinese unless told", Request{Who: admin, Method: "GET", Path: "/"}, "district_admin/" + CSRFToken + "|/1/2/|zh-CN||"},
		{"in English", Request{Who: admin, Lang: i18n.English, Method: "GET", Path: "/"}, "district_admin/" + CSRFToken + "|/1/2/|en||"},
		{"a posted form", Request{Who: admin, Method: "POST", Path: "/", Form: url.Values{"a": {"1"}, "b": {"二"}}},
			"district_admin/" + CSRFToken + "|/1/2/|zh-CN|application/x-www-form-urlencoded|a=1&b=%E4%BA%8C"},
		{"a body of its type", Request{Who: admin, Method: "POST", Path: "/", ContentType: "text/csv", Body: "uscc,kind\n"},
			"district_admin/" + CSRFToken + "|/1/2/|zh-CN|text/csv|uscc,kind\n"},
		{"the public", Request{Method: "GET", Path: "/"}, "public||zh-CN||"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Send(echo, tt.r).Body.String(); got != tt.want {
				t.Errorf("Send(%+v) = %q, want %q", tt.r, got, tt.want)
			}
		})
	}
}

// TestStaffHoldsItsRoleAlone: a station inspector made by Staff reads draws but may not manage
// them, which only its role's permissions decide.
func TestStaffHoldsItsRoleAlone(t *testing.T) {
	inspector := Staff(access.RoleStationInspector, access.Scope{})
	if !inspector.User.Permits(access.DrawRead) || inspector.User.Permits(access.DrawManage) {
		t.Errorf("a station inspector permits draw.read %v, draw.manage %v; want true, false",
			inspector.User.Permits(access.DrawRead), inspector.User.Permits(access.DrawManage))
	}
}
