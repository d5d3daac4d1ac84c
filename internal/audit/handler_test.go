package audit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

func TestHandler(t *testing.T) {
	tests := []struct {
		name     string
		lang     i18n.Lang
		path     string
		status   int
		contains []string
		absent   []string
	}{
		{"page in Chinese", i18n.Chinese, "/audit", 200,
			[]string{"审计日志", "共 12 条记录", "修改", "经营主体", "改前", "suspended", "open", "inspector008", "10.1.8.8", `href="/audit?object_type=business&amp;object_id=9"`},
			[]string{"<script>", " style="}},
		{"page in English", i18n.English, "/audit?action=update", 200,
			[]string{"Audit log", "3 entries", "Update", "Business", "Before"}, []string{`id="e9"`}},
		{"page filtered by object", i18n.Chinese, "/audit?object_type=business&object_id=10", 200,
			[]string{"共 1 条记录", `id="e9"`}, []string{`id="e5"`}},
		{"page bad date", i18n.Chinese, "/audit?from=yesterday", 400, []string{"起始日期"}, nil},
		{"api", i18n.Chinese, "/api/v1/audit?per_page=2&page=2", 200,
			[]string{`"total":12`, `"seq":10`, `"seq":9`, `"page":2`, `"per_page":2`, `"hash":"`}, []string{`"seq":11`}},
		{"api filters", i18n.Chinese, "/api/v1/audit?actor=inspector004&from=2025-01-01&to=2025-01-01", 200,
			[]string{`"total":1`, `"actor_login":"inspector004"`, `"after":{"id":5`}, nil},
		{"api bad page", i18n.Chinese, "/api/v1/audit?page=-1", 400, []string{`"field":"page"`}, nil},
		{"no writes", i18n.Chinese, "/api/v1/audit", 200, nil, nil},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		loadChain(t, st, 12)
		router := web.NewRouter(nil)
		NewHandler(st).Routes(router, web.Authenticated)
		for _, r := range router.Routes() {
			if r.Method != http.MethodGet || r.Access != web.Authenticated {
				t.Errorf("route %s %s (%s): only reads with the given access", r.Method, r.Path, r.Access)
			}
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := httptest.NewRequest(http.MethodGet, tt.path, nil)
				u := &web.User{ID: 1, Login: "admin", Role: "city_admin"}
				req = req.WithContext(web.WithLang(web.WithUser(req.Context(), u), tt.lang))
				rec := httptest.NewRecorder()
				router.ServeHTTP(rec, req)
				body := rec.Body.String()
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d\n%s", rec.Code, tt.status, body)
				}
				for _, want := range tt.contains {
					if !strings.Contains(body, want) {
						t.Errorf("body lacks %q", want)
					}
				}
				for _, bad := range tt.absent {
					if strings.Contains(body, bad) {
						t.Errorf("body has %q", bad)
					}
				}
				if strings.HasPrefix(tt.path, "/api/") && rec.Code == 200 && !json.Valid(rec.Body.Bytes()) {
					t.Error("invalid JSON")
				}
			})
		}
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
			rec := httptest.NewRecorder()
			router.ServeHTTP(rec, httptest.NewRequest(method, "/api/v1/audit", strings.NewReader("{}")))
			if rec.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s /api/v1/audit = %d, want 405", method, rec.Code)
			}
		}
	})
}
