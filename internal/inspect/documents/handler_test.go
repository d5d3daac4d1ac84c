package documents

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/pdfdoc/pdfdoctest"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

func TestDocumentRoutes(t *testing.T) {
	pdfdoctest.NeedFont(t)
	w := newTown(t, storetest.Open(t, store.SQLite))
	w.signed(t, 1, findings{key: true})
	h := NewHandler(w.svc)
	cases := []struct {
		name, uuid  string
		kind        Kind
		query       string
		ctx         context.Context
		status      int
		contentType string
	}{
		{"record", uuidN(1), Record, "", w.officer(), http.StatusOK, "application/pdf"},
		{"result", uuidN(1), Result, "", w.officer(), http.StatusOK, "application/pdf"},
		{"order after a key failure", uuidN(1), Order, "", w.officer(), http.StatusConflict, "application/problem+json"},
		{"order with a bad deadline", uuidN(1), Order, "deadline_days=ten", w.officer(), http.StatusBadRequest, "application/problem+json"},
		{"unknown inspection", uuidN(2), Record, "", w.officer(), http.StatusNotFound, "application/problem+json"},
		{"operator reads the issued record", uuidN(1), Record, "", w.operator(), http.StatusOK, "application/pdf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/v1/inspections/"+c.uuid+"/documents/"+string(c.kind)+".pdf?"+c.query, nil).WithContext(c.ctx)
			r.SetPathValue("uuid", c.uuid)
			rec := httptest.NewRecorder()
			h.document(c.kind)(rec, r)
			if rec.Code != c.status || rec.Header().Get("Content-Type") != c.contentType {
				t.Errorf("status %d %s, want %d %s: %s", rec.Code, rec.Header().Get("Content-Type"), c.status, c.contentType, rec.Body.String()[:min(200, rec.Body.Len())])
			}
		})
	}
}

func TestPublicResultRoute(t *testing.T) {
	pdfdoctest.NeedFont(t)
	w := newTown(t, storetest.Open(t, store.SQLite))
	w.signed(t, 1, findings{})
	h := NewHandler(w.svc)
	get := func() int {
		r := httptest.NewRequest("GET", "/api/v1/public/inspections/"+uuidN(1)+"/result.pdf", nil)
		r.SetPathValue("uuid", uuidN(1))
		rec := httptest.NewRecorder()
		h.publicResult(rec, r)
		return rec.Code
	}
	if got := get(); got != http.StatusNotFound {
		t.Errorf("before publication: %d, want 404", got)
	}
	w.mustRender(t, 1, Result)
	if _, err := w.insp.Publish(w.officer(), uuidN(1)); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != http.StatusOK {
		t.Errorf("published: %d, want 200", got)
	}
}

func TestRoutesAreRegisteredWithTheirAccess(t *testing.T) {
	r := web.NewRouter(func(_ web.Access, h http.Handler) http.Handler { return h })
	NewHandler(nil).Routes(r)
	want := map[string]web.Access{
		"GET /api/v1/inspections/{uuid}/documents/record.pdf": access.InspectionRead,
		"GET /api/v1/inspections/{uuid}/documents/result.pdf": access.InspectionRead,
		"GET /api/v1/inspections/{uuid}/documents/order.pdf":  access.InspectionRead,
		"GET /api/v1/public/inspections/{uuid}/result.pdf":    web.Public,
	}
	routes := r.Routes()
	if len(routes) != len(want) {
		t.Errorf("%d routes, want %d: %v", len(routes), len(want), routes)
	}
	for _, route := range routes {
		if a, ok := want[route.Method+" "+route.Path]; !ok || a != route.Access {
			t.Errorf("route %s %s with %v: want %v (listed %v)", route.Method, route.Path, route.Access, a, ok)
		}
	}
}
