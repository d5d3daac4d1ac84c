package draw

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestHandlerScenarios calls the draw API through a router as a city admin and as the
// admin of the second district, as the access layer would put them in the context.
func TestHandlerScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newCityFixture(t, st)
		r := web.NewRouter(nil)
		NewHandler(f.draws).Routes(r)
		city := caller(access.Everywhere)
		district := caller(access.Scope{Path: fmt.Sprintf("/%d/%d/", f.city, f.districts[1]), DistrictID: f.districts[1]})
		item := fmt.Sprintf(`{"org_unit_id":%d,"id":"I-01","name":"日常监督检查","basis":"第49号令第二十条","ratio_percent":20,"frequency":"每年1次"}`, f.city)
		conflict := func(person, business int64) string {
			return fmt.Sprintf(`{"person_id":%d,"business_id":%d,"reason":"亲属"}`, person, business)
		}
		task := fmt.Sprintf(`{"org_unit_id":%d,"items":["I-01"],"config":{"task_id":"2026-001","task_name":"第一批","inspectors_per_entity":2,"exclude_own_station":true,"ratio_percent":{"A":5,"B":20,"C":60,"D":100}}}`, f.city)
		steps := []struct {
			name         string
			ctx          context.Context
			method, path string
			body         string
			status       int
			want, refuse string
		}{
			{"item outside the district", district, "POST", "/api/v1/draw/items", item, 403, "", ""},
			{"item", city, "POST", "/api/v1/draw/items", item, 204, "", ""},
			{"credit class outside the district", district, "PUT", fmt.Sprintf("/api/v1/draw/credit-classes/%d", f.businesses[0]), `{"credit_class":"D"}`, 403, "", ""},
			{"credit class E", city, "PUT", fmt.Sprintf("/api/v1/draw/credit-classes/%d", f.businesses[0]), `{"credit_class":"E"}`, 400, "credit_class", ""},
			{"credit class", district, "PUT", fmt.Sprintf("/api/v1/draw/credit-classes/%d", f.businesses[20]), `{"credit_class":"D"}`, 204, "", ""},
			{"conflict with a business outside the district", district, "POST", "/api/v1/draw/conflicts", conflict(f.inspectors[8], f.businesses[0]), 403, "", ""},
			{"conflict of an officer outside the district", district, "POST", "/api/v1/draw/conflicts", conflict(f.inspectors[0], f.businesses[21]), 403, "", ""},
			{"conflict with an unknown business", district, "POST", "/api/v1/draw/conflicts", conflict(f.inspectors[8], f.closed+1000), 404, "", ""},
			{"conflict", district, "POST", "/api/v1/draw/conflicts", conflict(f.inspectors[8], f.businesses[21]), 204, "", ""},
			{"ratio over 100", city, "POST", "/api/v1/draw/tasks", strings.Replace(task, `"D":100`, `"D":101`, 1), 400, "config.ratio_percent.D", ""},
			{"task", city, "POST", "/api/v1/draw/tasks", task, 201, `"seed_sha256"`, `"seed":`},
			{"task hidden from the district", district, "GET", "/api/v1/draw/tasks/1", "", 404, "", ""},
			{"no task listed to the district", district, "GET", "/api/v1/draw/tasks", "", 200, "[]", ""},
			{"tasks", city, "GET", "/api/v1/draw/tasks", "", 200, `"code":"2026-001"`, ""},
			{"no bundle before the draw", city, "GET", "/api/v1/draw/tasks/1/bundle", "", 409, "", ""},
			{"draw", city, "POST", "/api/v1/draw/tasks/1/draw", `{"beacon":"福彩3D 2026070"}`, 200, `"publish_due"`, ""},
			{"bundle", city, "GET", "/api/v1/draw/tasks/1/bundle", "", 200, `"seed":`, ""},
			{"publish", city, "POST", "/api/v1/draw/tasks/1/publish", "", 200, `"published"`, ""},
			{"overdue", city, "GET", "/api/v1/draw/overdue", "", 200, "[]", ""},
		}
		for _, s := range steps {
			req := httptest.NewRequest(s.method, s.path, strings.NewReader(s.body)).WithContext(s.ctx)
			w := httptest.NewRecorder()
			r.ServeHTTP(w, req)
			body := w.Body.String()
			if w.Code != s.status || !strings.Contains(body, s.want) || (s.refuse != "" && strings.Contains(body, s.refuse)) {
				t.Fatalf("%s: %d %s, want %d with %q", s.name, w.Code, body, s.status, s.want)
			}
			if s.name == "bundle" {
				checkBundleBody(t, body)
			}
		}
		var refused int
		if err := st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM draw_conflicts WHERE business_id = $1`, f.businesses[0]).Scan(&refused); err != nil || refused != 0 {
			t.Errorf("a refused conflict with a business outside the district was stored: %d rows, %v", refused, err)
		}
	})
}

func caller(scope access.Scope) context.Context {
	ctx := access.WithScope(context.Background(), scope)
	return web.WithUser(ctx, &web.User{ID: 1, Login: "admin", Role: string(access.RoleCityAdmin)})
}

func checkBundleBody(t *testing.T, body string) {
	t.Helper()
	b, err := ReadBundle(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(b); err != nil {
		t.Fatalf("the served bundle does not verify: %v", err)
	}
}
