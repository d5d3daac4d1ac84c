package enforce

import (
	"context"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// send runs method path with body through the handler's routes with the user, scope and
// language of ctx.
func send(h *Handler, ctx context.Context, method, path, body string) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

func TestHandlerScenarios(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newEnforceCity(t, st)
	c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
	c.deliver(t, c.signed("u-2", 0, []string{"1.1"}, []string{}))
	h := NewHandler(c.svc)
	rect := "/api/v1/enforce/rectifications/" + strconv.Itoa(countRows(t, st, `SELECT id FROM rectifications`))
	kase := "/api/v1/enforce/cases/" + strconv.Itoa(countRows(t, st, `SELECT id FROM cases`))
	en := web.WithLang(c.officer(0), i18n.English)
	shop := strconv.FormatInt(c.shop[0], 10)
	tests := []struct {
		name         string
		ctx          context.Context
		method, path string
		body         string
		status       int
		contains     string
	}{
		{"station list", c.officer(0), "GET", "/api/v1/enforce/rectifications?live=1", "", 200, `"inspection_uuid":"u-1"`},
		{"bad filter", c.officer(0), "GET", "/api/v1/enforce/rectifications?station=x", "", 400, `"field":"station"`},
		{"other station's list is empty", c.officer(1), "GET", "/api/v1/enforce/rectifications", "", 200, `[]`},
		{"read out of scope", c.officer(1), "GET", rect, "", 404, ""},
		{"operator reads its own", c.operator(0), "GET", rect, "", 200, `"items":["4.1"]`},
		{"write out of scope", c.officer(1), "POST", rect + "/rechecks", `{"checked_on":"2026-09-24","passed":true}`, 403, ""},
		{"operator may not write", c.operator(0), "POST", rect + "/rechecks", `{"checked_on":"2026-09-24","passed":true}`, 403, ""},
		{"recheck without a date", c.officer(0), "POST", rect + "/rechecks", `{"passed":true}`, 400, `"field":"checked_on"`},
		{"recheck passed", c.officer(0), "POST", rect + "/rechecks", `{"checked_on":"2026-09-24","passed":true}`, 201, `"status":"closed"`},
		{"overdue by station", c.districtAdmin(0), "GET", "/api/v1/enforce/rectifications/overdue-by-station", "", 200, `[]`},
		{"escalation in scope", c.districtAdmin(0), "POST", "/api/v1/enforce/rectifications/escalate-overdue", "", 200, `"escalated":0`},
		{"case read out of scope", c.districtAdmin(1), "GET", kase, "", 404, ""},
		{"case hidden from the operator before the decision", c.operator(0), "GET", kase, "", 404, ""},
		{"step out of order, in English", en, "POST", kase + "/steps", `{"step":"investigated"}`, 409, `The case is at \"case source registered\"`},
		{"step out of order", c.officer(0), "POST", kase + "/steps", `{"step":"decided"}`, 409, `案件当前处于“案件来源登记”环节，不能办理“处罚决定”`},
		{"step out of scope", c.head(1), "POST", kase + "/steps", `{"step":"filed","approved_by":"王"}`, 403, ""},
		{"filing needs approval", c.officer(0), "POST", kase + "/steps", `{"step":"filed","approved_by":"王"}`, 403, ""},
		{"filed", c.head(0), "POST", kase + "/steps", `{"step":"filed","approved_by":"王局长"}`, 201, `"step":"filed"`},
		{"hearing request before the notice", c.officer(0), "POST", kase + "/hearing-request", `{"requested_on":"2026-09-24"}`, 409, ""},
		{"case page", c.officer(0), "GET", "/cases/" + strings.TrimPrefix(kase, "/api/v1/enforce/cases/"), "", 200, "立案审批"},
		{"case page in English", en, "GET", "/cases/" + strings.TrimPrefix(kase, "/api/v1/enforce/cases/"), "", 200, "Case filed"},
		{"case list page", c.officer(0), "GET", "/cases", "", 200, "饭店0"},
		{"rectification page", c.officer(0), "GET", "/rectifications", "", 200, "整改"},
		{"register a complaint", c.officer(0), "POST", "/api/v1/enforce/cases", `{"business_id":` + shop + `,"source":"complaint","source_ref":"TS-2026-001","facts":"消费者反映后厨有老鼠"}`, 201, `"note":"消费者反映后厨有老鼠"`},
		{"register without facts", c.officer(0), "POST", "/api/v1/enforce/cases", `{"business_id":` + shop + `,"source":"rumour"}`, 400, `"field":"source"`},
		{"register an unknown business", c.officer(0), "POST", "/api/v1/enforce/cases", `{"business_id":999999,"source":"other","facts":"x"}`, 400, `"field":"business_id"`},
		{"register out of scope", c.officer(1), "POST", "/api/v1/enforce/cases", `{"business_id":` + shop + `,"source":"other","facts":"x"}`, 403, ""},
		{"operator may not register", c.operator(0), "POST", "/api/v1/enforce/cases", `{"business_id":` + shop + `,"source":"other","facts":"x"}`, 403, ""},
		{"case page out of scope", c.officer(1), "GET", "/cases/" + strings.TrimPrefix(kase, "/api/v1/enforce/cases/"), "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt.ctx, tt.method, tt.path, tt.body)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("%s %s = %d %s; want %d containing %s", tt.method, tt.path, rec.Code, rec.Body, tt.status, tt.contains)
			}
		})
	}
}
