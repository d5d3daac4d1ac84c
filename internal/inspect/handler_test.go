package inspect

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// send runs method path with body through the handler's routes as the city admin, in lang.
func send(h *Handler, lang i18n.Lang, method, path string, body io.Reader) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest(method, path, body)
	user := &web.User{ID: 1, Login: "admin", Role: "city_admin", Permits: func(web.Access) bool { return true }}
	ctx := web.WithLang(web.WithUser(adminCtx(), user), lang)
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(audit.WithActor(ctx, audit.ActorFrom(adminCtx()))))
	return rec
}

func TestHandlerScenarios(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	s := mustService(t, st)
	h := NewHandler(s)
	def := mustCurrent(t, s, SectorCatering)
	defURL := "/api/v1/inspect/templates/" + strconv.FormatInt(def.ID, 10)
	good, _ := json.Marshal(smallContent(ResultRule{MaxGeneralFailures: 2}))
	badArea := strings.Replace(string(good), `"area":"processing"`, `"area":"online"`, 1)

	tests := []struct {
		name        string
		lang        i18n.Lang
		method, url string
		body        string
		status      int
		contains    string
	}{
		{"list page", i18n.Chinese, "GET", "/inspect/templates", "", 200, "餐饮服务监督检查要点表（默认）"},
		{"detail page shows every area", i18n.Chinese, "GET", "/inspect/templates/" + strconv.FormatInt(def.ID, 10), "", 200, "餐饮具清洗消毒"},
		{"detail page in English", i18n.English, "GET", "/inspect/templates/" + strconv.FormatInt(def.ID, 10), "", 200, "Tableware cleaning and disinfection"},
		{"unknown template page", i18n.Chinese, "GET", "/inspect/templates/999999", "", 404, ""},
		{"list API", i18n.Chinese, "GET", "/api/v1/inspect/templates", "", 200, `"sector":"street_vendor"`},
		{"get API", i18n.Chinese, "GET", defURL, "", 200, `"area":"tableware"`},
		{"published version is final", i18n.Chinese, "PUT", defURL, string(good), 409, "发布"},
		{"create draft", i18n.Chinese, "POST", "/api/v1/inspect/templates", string(good), 201, `"version":2`},
		{"create with an area of another sector", i18n.English, "POST", "/api/v1/inspect/templates", badArea, 400, `"field":"items[3].area"`},
		{"new version of the default", i18n.Chinese, "POST", defURL + "/versions", "", 201, `"version":3`},
		{"judge", i18n.English, "POST", defURL + "/judge", `{"answers":{"1.1":"fail"}}`, 200, `"outcome":"non_compliant"`},
		{"judge refuses unknown items", i18n.Chinese, "POST", defURL + "/judge", `{"answers":{"99.1":"pass"}}`, 400, `"field":"answers.99.1"`},
		{"import refuses a CSV", i18n.Chinese, "POST", "/api/v1/inspect/templates/import", "a,b\n", 400, `"rule":"inspect_xlsx_unreadable"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt.lang, tt.method, tt.url, strings.NewReader(tt.body))
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Fatalf("%s %s: %d %s, want %d containing %s", tt.method, tt.url, rec.Code, rec.Body, tt.status, tt.contains)
			}
		})
	}
}

func TestHandlerExportImport(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	s := mustService(t, st)
	h := NewHandler(s)
	def := mustCurrent(t, s, SectorProduction)
	rec := send(h, i18n.Chinese, "GET", "/api/v1/inspect/templates/"+strconv.FormatInt(def.ID, 10)+"/export.xlsx", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != ContentType || !strings.Contains(rec.Header().Get("Content-Disposition"), "template-") {
		t.Fatalf("export: %d %v", rec.Code, rec.Header())
	}
	rec = send(h, i18n.Chinese, "POST", "/api/v1/inspect/templates/import", bytes.NewReader(rec.Body.Bytes()))
	if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"version":2`) || !strings.Contains(rec.Body.String(), `"status":"draft"`) {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
}
