package documents

import (
	"context"
	"fmt"
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
	c := w.register(t, 0)
	h := NewHandler(w.svc)
	id := fmt.Sprint(c.ID)
	cases := []struct {
		name, id    string
		kind        Kind
		ctx         context.Context
		status      int
		contentType string
	}{
		{"source form", id, Source, w.staff(0, officer), http.StatusOK, "application/pdf"},
		{"decision before its step", id, Decision, w.staff(0, officer), http.StatusConflict, "application/problem+json"},
		{"out of scope", id, Source, w.staff(1, officer), http.StatusNotFound, "application/problem+json"},
		{"not a case id", "x", Source, w.staff(0, officer), http.StatusNotFound, "application/problem+json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/v1/enforce/cases/"+tc.id+"/documents/"+string(tc.kind)+".pdf", nil).WithContext(tc.ctx)
			r.SetPathValue("id", tc.id)
			rec := httptest.NewRecorder()
			h.document(tc.kind)(rec, r)
			if rec.Code != tc.status || rec.Header().Get("Content-Type") != tc.contentType {
				t.Errorf("status %d %s, want %d %s: %s", rec.Code, rec.Header().Get("Content-Type"), tc.status, tc.contentType,
					rec.Body.String()[:min(200, rec.Body.Len())])
			}
		})
	}
}

func TestRoutesAreRegisteredWithTheirAccess(t *testing.T) {
	r := web.NewRouter(func(_ web.Access, h http.Handler) http.Handler { return h })
	NewHandler(nil).Routes(r)
	routes := r.Routes()
	if len(routes) != len(Kinds) {
		t.Errorf("%d routes, want one per kind (%d): %v", len(routes), len(Kinds), routes)
	}
	want := map[string]bool{}
	for _, k := range Kinds {
		want["GET /api/v1/enforce/cases/{id}/documents/"+string(k)+".pdf"] = true
	}
	for _, route := range routes {
		if !want[route.Method+" "+route.Path] || route.Access != access.EnforceRead {
			t.Errorf("route %s %s with %v: want one of the kinds' with %v", route.Method, route.Path, route.Access, access.EnforceRead)
		}
	}
}

func TestEveryKindHasAForm(t *testing.T) {
	for _, k := range Kinds {
		f, ok := forms[k]
		if !ok || f.title == "" || drawers[k] == nil || (f.word == "") != (k == Decision) {
			t.Errorf("kind %s: form %+v (found %v), drawer %v", k, f, ok, drawers[k] != nil)
		}
	}
}
