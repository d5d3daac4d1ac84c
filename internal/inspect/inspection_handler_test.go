package inspect

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// call runs method path with body through the inspection routes as the caller of ctx, in lang.
func call(h *InspectionHandler, ctx context.Context, lang i18n.Lang, method, path, contentType string, body io.Reader) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest(method, path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(web.WithLang(ctx, lang)))
	return rec
}

func TestInspectionHandlerScenarios(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	c.svc.blobs.Max = 50_000
	h := NewInspectionHandler(c.svc)
	signed := c.mustSignedInspection(t, uuidN(1))
	c.newDaily(t, uuidN(2), Daily)
	code, _ := c.svc.CheckinCode(context.Background(), c.shop)
	if _, err := c.svc.CheckIn(c.officer(0), uuidN(2), CheckInInput{Method: "qr", Code: code}); err != nil {
		t.Fatal(err)
	}
	base := "/api/v1/inspections/"
	create := `{"source":"complaint","source_ref":"TS-2026-001","kind":"flying","business_id":` + itoa(c.shop) +
		`,"template_id":` + itoa(c.template.ID) + `,"inspectors":[` + itoa(c.officers[0]) + `,` + itoa(c.officers[1]) + `]}`
	sig := `{"signer":"operator","name":"张老板","image_png":"` + base64.StdEncoding.EncodeToString(encodeJPEG(t, false)) + `"}`
	evidence := base + uuidN(2) + "/evidence/" + uuidN(60) + "?kind=photo&captured_at=2026-09-24T09:30:00%2B08:00&lat=30.25&lng=120.15"
	anon := context.Background()
	tests := []struct {
		name        string
		ctx         context.Context
		lang        i18n.Lang
		method, url string
		contentType string
		body        string
		status      int
		contains    string
	}{
		{"create", c.officer(0), i18n.Chinese, "PUT", base + uuidN(3), "", create, 201, `"status":"assigned"`},
		{"create again", c.officer(0), i18n.Chinese, "PUT", base + uuidN(3), "", create, 200, `"source_ref":"TS-2026-001"`},
		{"create with one inspector", c.officer(0), i18n.English, "PUT", base + uuidN(4), "", strings.Replace(create, `,`+itoa(c.officers[1])+`]`, `]`, 1), 400, `"field":"inspectors"`},
		{"photo", c.officer(0), i18n.Chinese, "PUT", evidence, "image/jpeg", string(encodeJPEG(t, true)), 201, `"kind":"photo"`},
		{"photo again", c.officer(0), i18n.Chinese, "PUT", evidence, "image/jpeg", string(encodeJPEG(t, true)), 200, `"kind":"photo"`},
		{"text as evidence", c.officer(0), i18n.English, "PUT", strings.Replace(evidence, uuidN(60), uuidN(61), 1), "text/plain", "hello", 415, `"rule":"inspect_media_type"`},
		{"oversized evidence", c.officer(0), i18n.English, "PUT", strings.Replace(evidence, uuidN(60), uuidN(62), 1), "image/jpeg", strings.Repeat("x", 60_000), 413, `"rule":"inspect_too_large"`},
		{"signature that is no PNG", c.officer(0), i18n.English, "PUT", base + uuidN(2) + "/signatures/" + uuidN(63), "", sig, 415, `"field":"image_png"`},
		{"answers outside scope", c.officer(3), i18n.Chinese, "PUT", base + uuidN(2) + "/answers", "", `{"answers":[{"uuid":"` + uuidN(64) + `","item":"1.1","answer":"pass"}]}`, 403, ""},
		{"read outside scope", c.officer(3), i18n.Chinese, "GET", base + uuidN(2), "", "", 404, ""},
		{"change a signed inspection", c.officer(0), i18n.Chinese, "POST", base + uuidN(1) + "/complete", "", "", 409, "签"},
		{"public result before publication", anon, i18n.Chinese, "GET", "/api/v1/public/inspections/" + uuidN(1), "", "", 404, ""},
		{"publish", c.districtAdmin(), i18n.Chinese, "POST", base + uuidN(1) + "/publish", "", "", 200, `"status":"published"`},
		{"public result", anon, i18n.Chinese, "GET", "/api/v1/public/inspections/" + uuidN(1), "", "", 200, `"business_name":"饭店01"`},
		{"public list", anon, i18n.Chinese, "GET", "/api/v1/public/businesses/" + itoa(c.shop) + "/inspections", "", "", 200, signed.UUID},
		{"public copy of the photo", c.operator(c.shop), i18n.Chinese, "GET", base + uuidN(1) + "/evidence/" + uuidN(2000) + "/public", "", "", 200, ""},
		{"operator asks for the original", c.operator(c.shop), i18n.Chinese, "GET", base + uuidN(1) + "/evidence/" + uuidN(2000), "", "", 404, ""},
		{"task list", c.officer(0), i18n.Chinese, "GET", "/inspections", "", "", 200, "饭店01"},
		{"task list in English", c.officer(0), i18n.English, "GET", "/inspections", "", "", 200, "Flying (unannounced) inspection"},
		{"inspection page", c.officer(0), i18n.Chinese, "GET", "/inspections/" + uuidN(2), "", "", 200, `name="answer.`},
		{"signed page in English", c.officer(1), i18n.English, "GET", "/inspections/" + uuidN(1), "", "", 200, "Non-compliant"},
		{"check-in QR code", c.officer(0), i18n.Chinese, "GET", "/api/v1/inspect/businesses/" + itoa(c.shop) + "/checkin-qr.png", "", "", 200, "PNG"},
		{"check-in QR code outside scope", c.officer(3), i18n.Chinese, "GET", "/api/v1/inspect/businesses/" + itoa(c.far) + "/checkin-qr.png", "", "", 404, ""},
		{"check-in sheet with the code as text", c.officer(0), i18n.Chinese, "GET", "/inspect/businesses/" + itoa(c.shop) + "/checkin", "", "", 200, code},
		{"check-in sheet in English", c.officer(0), i18n.English, "GET", "/inspect/businesses/" + itoa(c.shop) + "/checkin", "", "", 200, "Shop check-in code"},
		{"check-in sheet outside scope", c.officer(3), i18n.Chinese, "GET", "/inspect/businesses/" + itoa(c.far) + "/checkin", "", "", 404, ""},
		{"inspection page links the sheet", c.officer(0), i18n.Chinese, "GET", "/inspections/" + uuidN(2), "", "", 200, "/inspect/businesses/" + itoa(c.shop) + "/checkin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := call(h, tt.ctx, tt.lang, tt.method, tt.url, tt.contentType, strings.NewReader(tt.body))
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Fatalf("%s %s: %d %.300s, want %d containing %s", tt.method, tt.url, rec.Code, rec.Body, tt.status, tt.contains)
			}
		})
	}
}

func TestAnswerForm(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	h := NewInspectionHandler(c.svc)
	c.newDaily(t, uuidN(1), Flying)
	code, _ := c.svc.CheckinCode(context.Background(), c.shop)
	if _, err := c.svc.CheckIn(c.officer(0), uuidN(1), CheckInInput{Method: "qr", Code: code}); err != nil {
		t.Fatal(err)
	}
	item := c.template.Items[1].Code
	form := url.Values{"answer." + item: {"fail"}, "note." + item: {"冷藏温度8℃"}, "complete": {"1"}}
	for range 2 {
		rec := call(h, c.officer(0), i18n.Chinese, "POST", "/inspections/"+uuidN(1)+"/answers",
			"application/x-www-form-urlencoded", bytes.NewBufferString(form.Encode()))
		if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "flash=inspect.flash.judged") {
			t.Fatalf("form: %d %s", rec.Code, rec.Body)
		}
	}
	in, err := c.svc.Get(context.Background(), uuidN(1))
	if err != nil || len(in.Answers) != 1 || in.Answers[0].Note != "冷藏温度8℃" || in.Status != Answered {
		t.Fatalf("after the form twice: %+v, %v", in, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
