package enforce

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// postForm posts form values to path through the handler's routes as ctx.
func postForm(h *Handler, ctx context.Context, path string, form url.Values) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

// TestForms: a refused form comes back with its values and the error beside the field; a
// saved one redirects to its page.
func TestForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		id := c.notifiedCase(t, "u-2")
		h := NewHandler(c.svc)
		kase := "/cases/" + strconv.FormatInt(id, 10)
		rect := "/rectifications/" + strconv.Itoa(countRows(t, st, `SELECT id FROM rectifications`))
		decision := url.Values{"step": {"decided"}, "approved_by": {"王局长"}, "document_number": {"江市监罚〔2026〕3号"},
			"violation": {"使用超过保质期的食品原料"}, "offence": {"fsl_124_1_2"}, "goods_value_yuan": {"3000"},
			"measures": {"fine"}, "fine_yuan": {"40000"}}
		withFine := func(fine string) url.Values {
			v := url.Values{}
			for k, xs := range decision {
				v[k] = xs
			}
			v.Set("fine_yuan", fine)
			return v
		}
		shop := strconv.FormatInt(c.shop[0], 10)
		tests := []struct {
			name     string
			ctx      context.Context
			path     string
			form     url.Values
			status   int
			contains []string
		}{
			{"fine out of range keeps the values", c.head(0), kase + "/steps", decision, 400,
				[]string{`value="江市监罚〔2026〕3号"`, `value="40000"`, `<option value="fsl_124_1_2" selected>`, `value="fine" checked`,
					`id="fine-error">须在 50000 元至 100000 元之间`}},
			{"a number that is none", c.head(0), kase + "/steps", withFine("四万"), 400, []string{`value="四万"`, "field-error"}},
			{"out of order is shown on the form", c.head(0), kase + "/steps", url.Values{"step": {"executed"}, "note": {"已缴"}}, 409,
				[]string{`id="form-refusal">案件当前处于“处罚告知”环节`, "已缴"}},
			{"hearing request with a bad date", c.officer(0), kase + "/hearing-request", url.Values{"requested_on": {"2026-13-01"}}, 400,
				[]string{`value="2026-13-01"`, "field-error"}},
			{"step out of scope", c.head(1), kase + "/steps", decision, 403, nil},
			{"register without facts", c.officer(0), "/cases", url.Values{"business_id": {shop}, "source": {"complaint"}, "source_ref": {"TS-9"}}, 400,
				[]string{`value="TS-9"`, `<option value="complaint" selected>`, "field-error"}},
			{"register a bad business id", c.officer(0), "/cases", url.Values{"business_id": {"x"}, "source": {"other"}, "facts": {"线索"}}, 400,
				[]string{`value="x"`, "线索"}},
			{"recheck without a result", c.officer(0), rect + "/rechecks", url.Values{"checked_on": {"2026-09-24"}, "note": {"已整改"}}, 400,
				[]string{`value="2026-09-24"`, "已整改", "field-error"}},
			{"recheck out of scope", c.officer(1), rect + "/rechecks", url.Values{"checked_on": {"2026-09-24"}, "passed": {"1"}}, 403, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := postForm(h, tt.ctx, tt.path, tt.form)
				if rec.Code != tt.status {
					t.Fatalf("POST %s = %d %s; want %d", tt.path, rec.Code, rec.Body, tt.status)
				}
				for _, s := range tt.contains {
					if !strings.Contains(rec.Body.String(), s) {
						t.Errorf("POST %s: body lacks %s", tt.path, s)
					}
				}
			})
		}
		if n := countRows(t, st, `SELECT count(*) FROM case_steps WHERE case_id = $1`, id); n != 4 {
			t.Errorf("%d steps after refused forms, want 4", n)
		}
		saved := []struct {
			name, path string
			form       url.Values
			location   string
		}{
			{"hearing request", kase + "/hearing-request", url.Values{"requested_on": {"2026-09-24"}}, kase},
			{"hearing", kase + "/steps", url.Values{"step": {"heard"}}, kase},
			{"decision at the maximum", kase + "/steps", withFine("100000"), kase},
			{"register a complaint", "/cases", url.Values{"business_id": {shop}, "source": {"complaint"}, "facts": {"后厨有老鼠"}}, "/cases/"},
			{"recheck passed", rect + "/rechecks", url.Values{"checked_on": {"2026-09-24"}, "passed": {"1"}}, rect},
		}
		for _, tt := range saved {
			rec := postForm(h, c.head(0), tt.path, tt.form)
			if loc := rec.Header().Get("Location"); rec.Code != 303 || !strings.HasPrefix(loc, tt.location) || !strings.HasSuffix(loc, "?flash=enforce.saved") {
				t.Errorf("%s: %d to %q %s; want 303 to %s", tt.name, rec.Code, loc, rec.Body, tt.location)
			}
		}
		k, err := c.svc.Case(c.head(0), id)
		if err != nil || k.Step != Decided || k.FineYuan != 100000 {
			t.Errorf("case after the forms = %+v, %v", k, err)
		}
	})
}

func TestFormPages(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newEnforceCity(t, st)
	c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
	id := c.openCase(t, "u-2").ID
	h := NewHandler(c.svc)
	rect := "/rectifications/" + strconv.Itoa(countRows(t, st, `SELECT id FROM rectifications`))
	tests := []struct {
		name, path string
		ctx        context.Context
		status     int
		contains   string
	}{
		{"case page offers the next step", "/cases/" + strconv.FormatInt(id, 10), c.head(0), 200, `id="step-form"`},
		{"filing is not offered to who may not approve", "/cases/" + strconv.FormatInt(id, 10), c.officer(0), 200, `id="case-next"`},
		{"register form", "/cases/new?business=" + strconv.FormatInt(c.shop[0], 10), c.officer(0), 200, `name="business_id" inputmode="numeric" value="` + strconv.FormatInt(c.shop[0], 10)},
		{"rectification page", rect, c.officer(0), 200, `id="recheck-form"`},
		{"rectification out of scope", rect, c.officer(1), 404, ""},
		{"offence catalogue", "/api/v1/enforce/offences", c.officer(0), 200, `"code":"fsl_124_1_2","clause":"fsl_124","name":"用超过保质期的食品原料`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt.ctx, "GET", tt.path, "")
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("GET %s = %d %s; want %d containing %s", tt.path, rec.Code, rec.Body, tt.status, tt.contains)
			}
		})
	}
	if body := send(h, c.officer(0), "GET", "/cases/"+strconv.FormatInt(id, 10), "").Body.String(); strings.Contains(body, `id="step-form"`) {
		t.Errorf("an officer who may not approve is offered filing: %s", body)
	}
}
