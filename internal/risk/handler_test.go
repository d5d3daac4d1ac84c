package risk

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// caller is a user with its scope, as the access middleware would set them.
type caller struct {
	user  *web.User
	scope access.Scope
}

// send runs method path with body through the handler's routes as c.
func send(h *Handler, c caller, method, path, contentType string, body io.Reader) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest(method, path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	ctx := access.WithScope(web.WithUser(r.Context(), c.user), c.scope)
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

func TestHandlerScenarios(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st)
	shop, shopUSCC := city.mustBusiness(t, "sales", "supermarket", 800, 3000)
	elsewhere, elsewhereUSCC := mustCity(t, st).mustBusiness(t, "catering", "restaurant", 200, 0) // another district
	h := NewHandler(city.svc)
	h.now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC) }
	all := func(web.Access) bool { return true }
	admin := caller{&web.User{ID: 1, Role: string(access.RoleCityAdmin), Permits: all}, access.Scope{Path: "/1/"}}
	station := caller{&web.User{ID: 2, Role: string(access.RoleStationInspector), Permits: all}, access.Scope{Path: "/x/", DistrictID: city.district, StationID: city.station}}
	shopURL := "/api/v1/risk/businesses/" + strconv.FormatInt(shop, 10)
	elsewhereURL := "/api/v1/risk/businesses/" + strconv.FormatInt(elsewhere, 10)

	tests := []struct {
		name        string
		who         caller
		method, url string
		body        string
		status      int
		contains    string
	}{
		{"card, a preview before the first grade", station, "GET", shopURL, "", 200, `"preview":true`},
		{"card out of scope is not found", station, "GET", elsewhereURL, "", 404, ""},
		{"factors refused with their fields", station, "PUT", shopURL + "/factors", `{"sector":"sales","suppliers":-3}`, 400, `"field":"risk_suppliers"`},
		{"factors out of scope", station, "PUT", elsewhereURL + "/factors", `{"sector":"catering"}`, 403, ""},
		{"factors recorded", station, "PUT", shopURL + "/factors", `{"sector":"sales","floor_area":800,"prepacked_chilled":2000,"suppliers":40}`, 200, `"prepacked_chilled":2000`},
		{"grade kept", station, "POST", shopURL + "/grade", "", 201, `"static":11`},
		{"grade out of scope", station, "POST", elsewhereURL + "/grade", "", 403, ""},
		{"grade of an unknown business", station, "POST", "/api/v1/risk/businesses/999999/grade", "", 404, ""},
		{"card after grading", station, "GET", shopURL, "", 200, `"preview":false`},
		{"import refuses a business out of scope", station, "POST", "/api/v1/risk/history/import?name=h.csv",
			"uscc,kind,date,result\n" + elsewhereUSCC + ",inspection,2026-01-05,basic\n", 403, `"rule":"out_of_scope"`},
		{"import in scope", station, "POST", "/api/v1/risk/history/import?name=h.csv",
			"uscc,kind,date,result\n" + shopUSCC + ",inspection,2026-01-05,non_compliant\n", 201, `"imported":1`},
		{"recompute needs the whole city", station, "POST", "/api/v1/risk/recompute", "", 403, ""},
		{"recompute by the city, in the background", admin, "POST", "/api/v1/risk/recompute", "", 202, `"state":"running"`},
		{"factors a catering table cannot score", station, "PUT", shopURL + "/factors", `{"sector":"catering"}`, 400,
			`"field":"risk_catering_format","rule":"risk_sector_needs"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := ""
			if tt.body != "" && tt.body[0] == '{' {
				ct = "application/json"
			}
			rec := send(h, tt.who, tt.method, tt.url, ct, strings.NewReader(tt.body))
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Fatalf("%d, want %d with %s: %.600s", rec.Code, tt.status, tt.contains, rec.Body)
			}
		})
	}
	h.svc.jobs.Wait()
	if rec := send(h, admin, "GET", "/api/v1/risk/recompute/1", "", nil); rec.Code != 200 ||
		!strings.Contains(rec.Body.String(), `"state":"done","done":2,"total":2,"summary":{"graded":{"A":1,"B":1}`) {
		t.Fatalf("the job after it ended: %d %s", rec.Code, rec.Body)
	}
	var card Card
	if err := json.Unmarshal(send(h, station, "GET", shopURL, "", nil).Body.Bytes(), &card); err != nil {
		t.Fatal(err)
	}
	if len(card.History) != 2 || card.Current.Grade != GradeB || card.Current.Lines[0].Basis == "" {
		t.Errorf("card after the recompute: %d grades, current %+v", len(card.History), card.Current)
	}
}

func TestImportAsMultipartForm(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st)
	_, uscc := city.mustBusiness(t, "sales", "grocery", 80, 100)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "history.csv")
	io.WriteString(fw, "uscc,kind,date\n"+uscc+",complaint,2026-02-01\n")
	mw.Close()
	h := NewHandler(city.svc)
	admin := caller{&web.User{ID: 1, Role: string(access.RoleCityAdmin)}, access.Scope{Path: "/1/"}}
	rec := send(h, admin, "POST", "/api/v1/risk/history/import", mw.FormDataContentType(), &body)
	if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"imported":1`) {
		t.Fatalf("%d: %s", rec.Code, rec.Body)
	}
	var source string
	if err := st.DB().QueryRowContext(context.Background(), `SELECT source FROM risk_events`).Scan(&source); err != nil || source != "import:history.csv" {
		t.Errorf("source %q, %v", source, err)
	}
}

func TestGradePage(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st)
	maker, _ := city.mustBusiness(t, "special_food", "infant_formula", 0, 0)
	farm, _ := city.mustBusiness(t, "farm", "planting", 0, 0)
	h := NewHandler(city.svc)
	station := caller{&web.User{ID: 2, Role: string(access.RoleStationInspector)}, access.Scope{Path: "/x/", DistrictID: city.district, StationID: city.station}}
	if _, err := city.svc.GradeBusiness(context.Background(), maker, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	rec := send(h, station, "GET", "/risk/businesses/"+strconv.FormatInt(maker, 10), "", nil)
	body := rec.Body.String()
	for _, want := range []string{`id="risk-grade-value">B</span>`, "婴幼儿配方食品", "<b>36</b>", "risk.static_production.category.infant_formula",
		"重点监督检查对象", `id="risk-history"`, "[M]"} {
		if rec.Code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("%d: page lacks %q: %s", rec.Code, want, body)
		}
	}
	if strings.Contains(body, "risk.factor.") || strings.Contains(body, "risk.option.") {
		t.Errorf("an untranslated key on the page: %s", body)
	}
	if rec := send(h, station, "GET", "/risk/businesses/"+strconv.FormatInt(farm, 10), "", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="risk-none"`) {
		t.Errorf("farm page: %d %s", rec.Code, rec.Body)
	}
}
