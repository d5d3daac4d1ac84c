package credit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

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
func send(h *Handler, c caller, method, path string, body io.Reader) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest(method, path, body)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	ctx := access.WithScope(web.WithUser(r.Context(), c.user), c.scope)
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

func TestHandlerScenarios(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st, "2026-06-01")
	shop, uscc := city.mustBusiness(t)
	elsewhere, _ := mustCity(t, st, "2026-06-01").mustBusiness(t)
	h := NewHandler(city.svc)
	all := func(web.Access) bool { return true }
	district := caller{&web.User{ID: 2, Role: string(access.RoleDistrictAdmin), Permits: all}, access.Scope{Path: "/x/", DistrictID: city.district}}
	admin := caller{&web.User{ID: 1, Role: string(access.RoleCityAdmin), Permits: all}, access.Scope{Path: "/1/"}}
	operator := caller{&web.User{ID: 3, Role: string(access.RoleBusinessOperator), Permits: all}, access.Scope{Path: "/x/", BusinessID: shop}}
	anonymous := caller{nil, access.ScopeFrom(t.Context())}
	id, other := strconv.FormatInt(shop, 10), strconv.FormatInt(elsewhere, 10)
	penaltyBody := `{"business_id":` + id + `,"kind":"penalty","document_number":"江市监罚〔2025〕7号","decided_on":"2025-03-01",` +
		`"violation":"经营超过保质期的食品","measures":["fine"],"fine_yuan":80000}`

	tests := []struct {
		name        string
		who         caller
		method, url string
		body        string
		status      int
		contains    string
	}{
		{"file before any record: class A", district, "GET", "/api/v1/credit/businesses/" + id, "", 200, `"class":"A"`},
		{"file out of scope", district, "GET", "/api/v1/credit/businesses/" + other, "", 404, ""},
		{"record with an unknown kind", district, "POST", "/api/v1/credit/records", `{"business_id":` + id + `,"kind":"blacklist","document_number":"x","decided_on":"2026-01-01"}`, 400, `"field":"kind"`},
		{"record out of scope", district, "POST", "/api/v1/credit/records", strings.Replace(penaltyBody, id, other, 1), 403, ""},
		{"penalty entered", district, "POST", "/api/v1/credit/records", penaltyBody, 201, `"publicity_months":36`},
		{"publish before the decision", district, "POST", "/api/v1/credit/records/1/publish", `{"on":"2025-02-01"}`, 400, `"rule":"credit_before_decision"`},
		{"published", district, "POST", "/api/v1/credit/records/1/publish", `{"on":"2025-03-10"}`, 200, `"published_on":"2025-03-10T00:00:00Z"`},
		{"published twice", district, "POST", "/api/v1/credit/records/1/publish", `{"on":"2025-03-11"}`, 409, ""},
		{"class B with its lines", operator, "GET", "/api/v1/credit/businesses/" + id, "", 200, `"condition":"penalty_count","count":1,"class":"B","applied":true`},
		{"public projection", anonymous, "GET", "/api/v1/credit/public/" + uscc, "", 200, `"document_number":"江市监罚〔2025〕7号"`},
		{"public projection of no business", anonymous, "GET", "/api/v1/credit/public/nobody", "", 404, ""},
		{"repair without declarations", operator, "POST", "/api/v1/credit/repairs", `{"record_id":1,"reason":"x","evidence":"y"}`, 400, `"field":"harm_remedied"`},
		{"repair asked", operator, "POST", "/api/v1/credit/repairs", `{"record_id":1,"reason":"已整改","evidence":"缴款凭证","obligations_fulfilled":true,"harm_remedied":true}`, 201, `"status":"pending"`},
		{"repair rejected", district, "POST", "/api/v1/credit/repairs/1/decision", `{"approve":false,"reason":"危害后果未消除"}`, 200, `"status":"rejected"`},
		{"decision on a decided request", district, "POST", "/api/v1/credit/repairs/1/decision", `{"approve":true}`, 409, ""},
		{"reclassify needs the whole city", district, "POST", "/api/v1/credit/reclassify", "", 403, ""},
		{"reclassify by the city", admin, "POST", "/api/v1/credit/reclassify", "", 200, `"changed":0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			rec := send(h, tt.who, tt.method, tt.url, body)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Fatalf("%d, want %d with %s: %.600s", rec.Code, tt.status, tt.contains, rec.Body)
			}
		})
	}
}

func TestFilePage(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st, "2026-06-01")
	shop, _ := city.mustBusiness(t)
	ctx := city.districtCtx()
	city.mustAdd(t, ctx, penalty(shop, "江市监罚〔2026〕3号", "2026-02-12", 5000, MeasureFine))
	district := caller{&web.User{ID: 2, Role: string(access.RoleDistrictAdmin)}, access.Scope{Path: "/x/", DistrictID: city.district}}
	rec := send(NewHandler(city.svc), district, "GET", "/credit/businesses/"+strconv.FormatInt(shop, 10), nil)
	body := rec.Body.String()
	for _, want := range []string{`id="credit-class-value">B</span>`, "期限内行政处罚件数", "江市监罚〔2026〕3号", "逾期未公示",
		"2026-03-18", "credit.class.penalty_count", "[M]", "没有信用修复申请"} {
		if rec.Code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("%d: page lacks %q: %s", rec.Code, want, body)
		}
	}
	if strings.Contains(body, "credit.line.") || strings.Contains(body, "credit.state.") || strings.Contains(body, "credit.measure.") {
		t.Errorf("an untranslated key on the page: %s", body)
	}
}
