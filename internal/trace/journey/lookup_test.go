package journey

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/web"
)

// TestCanonicalLot reads lots typed every way a user may type them.
func TestCanonicalLot(t *testing.T) {
	const dl = "https://id.gs1.org/01/06901234001013/10/251201H0000"
	tests := []struct {
		typed, want string
		ok          bool
	}{
		{dl, dl, true},
		{"  " + dl + "\n", dl, true},
		{"urn:epc:class:lgtin:6901234.000101.251201H0000", dl, true},
		{"https://shop.example.cn/p/01/6901234001013/10/251201H0000?x=1", dl, true},
		{"(01)06901234001013(10)251201H0000", dl, true},
		{"(01)6901234001013(10)251201H0000", dl, true},
		{"06901234001013 251201H0000", dl, true},
		{"6901234001013/251201H0000", dl, true},
		{"6901234001013 批次一", "https://id.gs1.org/01/06901234001013/10/%E6%89%B9%E6%AC%A1%E4%B8%80", true},
		{"urn:shejian:lot:91330100MA2TEST001:B1", "urn:shejian:lot:91330100MA2TEST001:B1", true},
		{"251201H0000", "", false},
		{"批次 一", "", false},
	}
	for _, tt := range tests {
		got, ok := canonicalLot(tt.typed)
		if got != tt.want || ok != tt.ok {
			t.Errorf("canonicalLot(%q) = %q, %v; want %q, %v", tt.typed, got, ok, tt.want, tt.ok)
		}
	}
}

// TestWhileLoading checks that every reader of the index answers 503, saying why, until
// the index is loaded; a code that was never issued is 404 all the same.
func TestWhileLoading(t *testing.T) {
	h := NewHandler(nil, NewIndex(graph.New(), (*trace.Store)(nil)))
	router := web.NewRouter(nil)
	h.Routes(router)
	for _, tt := range []struct {
		method, path, body, want string
		status                   int
	}{
		{"GET", "/api/v1/trace?id=B1", "", "追溯索引正在加载", 503},
		{"GET", "/api/v1/recall?id=B1", "", "追溯索引正在加载", 503},
		{"POST", "/api/v1/trace-codes", `{"id":"B1"}`, "追溯索引正在加载", 503},
		{"GET", "/trace?id=B1", "", `id="trace-loading"`, 503},
		{"GET", "/trace", "", `id="trace-form"`, 200},
		{"GET", "/t/abc", "", "未找到该追溯码", 404},
	} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
		router.ServeHTTP(rec, r.WithContext(web.WithUser(r.Context(), &web.User{ID: 1})))
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s %s: %d, want %d with %q: %.300s", tt.method, tt.path, rec.Code, tt.status, tt.want, rec.Body)
		}
		if tt.status == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s %s: 503 without Retry-After", tt.method, tt.path)
		}
	}
}
