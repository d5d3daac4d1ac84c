package rules

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// scenario is one request and what its response must show. Scenarios run in order, so a
// later one sees the overrides of an earlier one.
type scenario struct {
	name         string
	admin        bool // as the city admin, else as a station inspector
	lang         i18n.Lang
	method, path string
	form         url.Values
	json         string
	status       int
	contains     []string
	absent       []string
}

func TestHandlerScenarios(t *testing.T) {
	const page = "/rules/" + deadline
	const api = "/api/v1/rules/" + deadline
	reason := url.Values{"value": {"15"}, "reason": {"本市要求更快公开"}, "csrf": {"x"}}
	scenarios := []scenario{
		{name: "list in Chinese", path: "/rules", status: 200,
			contains: []string{"规则参数", "risk.grade_band.a_max", "未核实 [M]", "已核实 [V]", "征求意见稿", "第三十九条", "个工作日"},
			absent:   []string{"<script>", " style=", "本市已调整"}},
		{name: "list in English", lang: i18n.English, path: "/rules", status: 200,
			contains: []string{"Rules and parameters", "Unverified [M]", "Art. 39", "working days"}},
		{name: "detail without form", path: page, status: 200,
			contains: []string{"第三十九条", "deadlines/v1", "只有市级管理员"}, absent: []string{`name="value"`}},
		{name: "detail with form", admin: true, path: page, status: 200,
			contains: []string{`action="/rules/` + deadline + `/override"`, `name="csrf" value="csrf-city_admin-`, `value="20"`}},
		{name: "unknown rule", path: "/rules/no.such_rule", status: 404},
		{name: "form by inspector", method: "POST", path: page + "/override", form: reason, status: 403},
		{name: "form out of range", admin: true, method: "POST", path: page + "/override",
			form: url.Values{"value": {"99"}, "reason": {""}}, status: 400,
			contains: []string{"不能大于 60", "调整理由", `value="99"`}},
		{name: "form by admin", admin: true, method: "POST", path: page + "/override", form: reason, status: 303},
		{name: "detail after override", path: page, status: 200,
			contains: []string{"本市已调整", "本市要求更快公开", "deadlines/v1/override-"}},
		{name: "api list", path: "/api/v1/rules", status: 200,
			contains: []string{`"key":"risk.frequency_2016.D"`, `"confidence":"unverified"`, `"overridden":true`}},
		{name: "api detail", path: api, status: 200, contains: []string{`"value":15`, `"old_value":20`}},
		{name: "api by inspector", method: "POST", path: api + "/override", json: `{"value":12,"reason":"x"}`, status: 403,
			contains: []string{`"status":403`}},
		{name: "api wrong type", admin: true, method: "POST", path: api + "/override", json: `{"value":"x","reason":""}`, status: 400,
			contains: []string{`"field":"rule_value","rule":"integer"`, `"field":"rule_reason","rule":"required"`}},
		{name: "api unknown field", admin: true, method: "POST", path: api + "/override", json: `{"valeu":12}`, status: 400},
		{name: "api by admin", admin: true, method: "POST", path: api + "/override", json: `{"value":12,"reason":"再缩短"}`, status: 201,
			contains: []string{`"value":12`, `"overridden":true`, `"old_value":15`}},
	}
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		router := web.NewRouter(nil)
		NewHandler(mustBook(t, s)).Routes(router)
		admin, inspector := mustUser(t, s, string(access.RoleCityAdmin)), mustUser(t, s, "station_inspector")
		for _, sc := range scenarios {
			u := inspector
			if sc.admin {
				u = admin
			}
			rec := serve(router, u, sc)
			body := rec.Body.String()
			if rec.Code != sc.status {
				t.Fatalf("%s: status %d, want %d\n%s", sc.name, rec.Code, sc.status, body)
			}
			for _, want := range sc.contains {
				if !strings.Contains(body, want) {
					t.Errorf("%s: body lacks %q", sc.name, want)
				}
			}
			for _, bad := range sc.absent {
				if strings.Contains(body, bad) {
					t.Errorf("%s: body has %q", sc.name, bad)
				}
			}
		}
	})
}

func serve(h http.Handler, u *web.User, sc scenario) *httptest.ResponseRecorder {
	method, body, ctype := sc.method, "", ""
	switch {
	case sc.form != nil:
		body, ctype = sc.form.Encode(), "application/x-www-form-urlencoded"
	case sc.json != "":
		body, ctype = sc.json, "application/json"
	}
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, sc.path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	lang := sc.lang
	if lang == "" {
		lang = i18n.Chinese
	}
	req = req.WithContext(web.WithLang(web.WithUser(req.Context(), u), lang))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAPIListIsValidJSON(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		router := web.NewRouter(nil)
		NewHandler(mustBook(t, s)).Routes(router)
		rec := serve(router, mustUser(t, s, "station_inspector"), scenario{path: "/api/v1/rules"})
		var got listJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.Rules) < 30 {
			t.Fatalf("decode list: %d rules, %v", len(got.Rules), err)
		}
		for _, e := range got.Rules {
			if e.Ref == "" || e.Basis.Source == "" || e.EffectiveFrom.IsZero() {
				t.Errorf("%s: ref, source or dates missing in JSON", e.Key)
			}
		}
	})
}
