package trace

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestOptionsDiscovery: OPTIONS on each resource of the binding answers 204 with the
// methods it allows and the binding's discovery headers, the capture interface's limits on
// it alone; on a capture job or an event the caller's scope covers, their extension
// prefixes too, and on one it does not cover (or none) 404, as GET.
func TestOptionsDiscovery(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		job := mustCapture(t, w.events, document(shipping("urn:shejian:test:o1", 1, gs1Place, "")), System)
		router := web.NewRouter(nil)
		NewHandler(w.events).Routes(router)
		server := BindingHeaders(router)
		jobPath := "/epcis/capture/" + strconv.FormatInt(job.ID, 10)
		ext := "ex=https://ns.example.cn/trace/"
		tests := []struct {
			path   string
			scope  access.Scope
			status int
			want   map[string]string // "" for a header that must be absent
		}{
			{"/epcis/capture", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET, POST",
				"GS1-EPCIS-Capture-Limit": "10000", "GS1-EPCIS-Capture-File-Size-Limit": "8388608", "GS1-Capture-Error-Behaviour": "rollback",
				"GS1-EPCIS-Version": "2.0.0", "GS1-EPCIS-Min": "2.0.0", "GS1-EPCIS-Max": "2.0.0", "GS1-CBV-Min": "2.0.0", "GS1-CBV-Max": "2.0.0",
				"GS1-EPC-Format": "Never_Translates"}},
			{"/epcis/events", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET", "GS1-CBV-Version": "2.0.0",
				"GS1-EPCIS-Max": "2.0.0", "GS1-EPCIS-Capture-Limit": ""}},
			{"/epcis/eventTypes", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET"}},
			{"/epcis/bizSteps/shipping/events", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET"}},
			{"/epcis/epcs/" + item1 + "/events", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET"}},
			{jobPath, access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET", "GS1-Extensions": ext}},
			{jobPath, w.operator(0).Scope, 404, map[string]string{"Allow": ""}},
			{"/epcis/capture/999999", access.Everywhere, 404, map[string]string{"Allow": ""}},
			{"/epcis/events/urn:shejian:test:e1", access.Everywhere, 204, map[string]string{"Allow": "OPTIONS, GET", "GS1-Extensions": ext}},
			{"/epcis/events/urn:shejian:test:e1", w.operator(0).Scope, 204, map[string]string{"Allow": "OPTIONS, GET"}},
			{"/epcis/events/urn:shejian:test:e1", w.operator(1).Scope, 404, map[string]string{"Allow": ""}},
			{"/epcis/events/urn:shejian:test:none", access.Everywhere, 404, nil},
		}
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				req := httptest.NewRequestWithContext(access.WithScope(context.Background(), tt.scope), http.MethodOptions, tt.path, nil)
				res := httptest.NewRecorder()
				server.ServeHTTP(res, req)
				if res.Code != tt.status {
					t.Fatalf("OPTIONS %s: %d, want %d: %s", tt.path, res.Code, tt.status, res.Body)
				}
				for name, want := range tt.want {
					if got := res.Header().Get(name); got != want {
						t.Errorf("%s: %q, want %q", name, got, want)
					}
				}
			})
		}
	})
}
