package export

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// caller is a user as the web layer knows it, with its scope.
type caller struct {
	user  *web.User
	scope access.Scope
}

// get sends GET path through the handler's routes as c.
func get(h *Handler, c caller, path string, header http.Header) *httptest.ResponseRecorder {
	router := web.NewRouter(nil)
	h.Routes(router)
	r := httptest.NewRequest("GET", path, nil)
	for k, v := range header {
		r.Header[k] = v
	}
	ctx := access.WithScope(web.WithUser(r.Context(), c.user), c.scope)
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

func TestHandler(t *testing.T) {
	w, fix := smallWorld(t, storetest.Open(t, store.SQLite))
	h := NewHandler(w.exporter)
	h.now = func() time.Time { return time.Date(2026, 1, 2, 9, 0, 0, 0, calendar.China) }
	admin := caller{&web.User{ID: 1, Role: string(access.RoleCityAdmin), OrgUnitID: w.city, Permits: func(web.Access) bool { return true }},
		w.cityScope()}
	op := w.operatorScope(nameR1)
	operator := caller{&web.User{ID: 3, Role: string(access.RoleBusinessOperator), BusinessID: op.BusinessID,
		Permits: func(web.Access) bool { return true }}, op}
	lot := "product=" + fix.Cases[0].Lot + "&from=2025-12-01&to=2025-12-31"

	t.Run("workbook", func(t *testing.T) {
		rec := get(h, admin, "/api/v1/trace/export.xlsx?"+lot, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != ContentType ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), `filename="fsma204-20251201-20251231.xlsx"`) {
			t.Fatalf("%d %v: %.300s", rec.Code, rec.Header(), rec.Body)
		}
		f := readBody(t, rec)
		assertSheets(t, f, map[CTE]int{Harvesting: 1, Shipping: 3, Receiving: 3, Transformation: 2})
		if got, _ := f.GetCellValue(ReadmeSheet, "B8"); got != "2026-01-02 09:00" {
			t.Errorf("generated at %q", got)
		}
		if d := sheetRows(t, f, Harvesting)[0]["Farm (location description)"]; !strings.HasSuffix(d, "tel 13812345678") {
			t.Errorf("city admin sees the phone as %q", d)
		}
	})
	t.Run("operator's workbook, phones masked", func(t *testing.T) {
		rec := get(h, operator, "/api/v1/trace/export.xlsx?"+lot, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%d: %.300s", rec.Code, rec.Body)
		}
		f := readBody(t, rec)
		assertSheets(t, f, map[CTE]int{Receiving: 1})
		if d := sheetRows(t, f, Receiving)[0]["Immediate previous source (location description)"]; !strings.HasSuffix(d, "tel 138****5678") {
			t.Errorf("operator sees the phone as %q", d)
		}
	})
	t.Run("bad parameters", func(t *testing.T) {
		rec := get(h, admin, "/api/v1/trace/export.xlsx?product=6901234001014&from=2025-12-31&to=2025-12-01", nil)
		var p struct {
			Status int `json:"status"`
			Errors []struct{ Field, Rule, Message string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != http.StatusBadRequest {
			t.Fatalf("%d %v: %s", rec.Code, err, rec.Body)
		}
		var got []string
		for _, e := range p.Errors {
			got = append(got, e.Field+" "+e.Rule)
		}
		assertEqual(t, "fields", got, []string{"product export_gtin_check", "to export_range_order"})
		if !strings.Contains(rec.Body.String(), "check digit") && !strings.Contains(rec.Body.String(), "校验位") {
			t.Errorf("no message names the rule: %s", rec.Body)
		}
	})
	t.Run("form", func(t *testing.T) {
		rec := get(h, admin, "/trace/export", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="export-form"`) {
			t.Fatalf("%d: %.300s", rec.Code, rec.Body)
		}
	})
	t.Run("form with bad fields", func(t *testing.T) {
		rec := get(h, admin, "/trace/export?product=&from=2025-12-01&to=tomorrow", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, `id="export-errors"><li>产品：必填</li><li>截止日期：日期格式应为 YYYY-MM-DD</li></ul>`) ||
			!strings.Contains(body, `value="tomorrow"`) {
			t.Fatalf("%d: %s", rec.Code, body)
		}
	})
	t.Run("form sends the workbook", func(t *testing.T) {
		rec := get(h, admin, "/trace/export?"+lot, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != ContentType {
			t.Fatalf("%d: %.300s", rec.Code, rec.Body)
		}
	})
}

// readBody opens the workbook of a response.
func readBody(t *testing.T, rec *httptest.ResponseRecorder) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("read the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
