package ticket

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/web"
)

// admin is the context of a city admin.
func admin() context.Context {
	return web.WithUser(system(), &web.User{ID: 1, Role: string(access.RoleCityAdmin), CSRFToken: "csrf"})
}

// call is one request of the handler scenarios and what its answer must hold.
type call struct {
	name         string
	ctx          context.Context
	method, path string
	ctype, body  string
	status       int
	want         []string
}

// uploadForm is a multipart body holding data as field "file".
func uploadForm(tb testing.TB, data []byte) (string, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("file", "台账.xlsx")
	if err != nil {
		tb.Fatal(err)
	}
	part.Write(data)
	mw.Close()
	return mw.FormDataContentType(), buf.String()
}

// TestHandlerScenarios calls the pages and the API through a router, as the callers the
// access layer would have put in the request's context.
func TestHandlerScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		r := web.NewRouter(nil)
		NewHandler(st, trace.NewStore(st)).Routes(r)
		const json = "application/json"
		ticketJSON := func(number string, seller int, kg string) string {
			return `{"ticket_no":"` + number + `","date":"2025-12-01","market":"` + w.usccs[market] + `","seller":{"uscc":"` + w.usccs[seller] +
				`"},"buyer":{"uscc":"` + w.usccs[retailer] + `"},"product_name":"菠菜","batch_no":"B1","quantity":` + kg + `,"unit":"公斤","rapid_test":"合格"}`
		}
		form := url.Values{"ticket_no": {"T/5"}, "date": {"2025-12-01"}, "seller.uscc": {w.usccs[farm]}, "buyer.name": {"赵六"},
			"buyer.id_or_phone": {"13900004321"}, "product_name": {"菠菜"}, "batch_no": {"B1"}, "quantity": {"10"}, "unit": {"斤"}}
		badForm := url.Values{"ticket_no": {"T6"}, "seller.uscc": {w.usccs[farm]}, "quantity": {"abc"}}
		good := w.importBook(t, nil)
		bad := w.importBook(t, map[string]any{"单位": "担"})
		goodType, goodBody := uploadForm(t, good)
		badType, badBody := uploadForm(t, bad)
		calls := []call{
			{"certificate", admin(), "POST", "/api/v1/certificates", json, `{"cert_no":"HG-1","date":"2025-12-01","producer":{"uscc":"` + w.usccs[farm] +
				`"},"product_name":"菠菜","batch_no":"B1","quantity":1000,"unit":"公斤","origin":"浙江杭州"}`, 201,
				[]string{`"stored":1`, `"lots":["urn:shejian:lot:` + w.usccs[farm] + `:B1"]`}},
			{"ticket", w.operator(farm), "POST", "/api/v1/tickets", json, ticketJSON("T1", farm, "300"), 201,
				[]string{`"ticket_no":"T1"`, `"stored":2`, `"rapid_test":"pass"`, `"name":"主体0"`, `"event_id":"urn:uuid:`}},
			{"ticket again", w.operator(market), "POST", "/api/v1/tickets", json, ticketJSON("T1", farm, "300"), 200, []string{`"stored":0`}},
			{"someone else's ticket", w.operator(retailer), "POST", "/api/v1/tickets", json, ticketJSON("T2", farm, "1"), 403,
				[]string{`"rule":"out_of_scope"`, `"field":"seller.uscc"`}},
			{"only a seller, not one's own", w.operator(retailer), "POST", "/api/v1/tickets", json, `{"seller":{"uscc":"` + w.usccs[farm] + `"}}`, 403, nil},
			{"only a seller, one's own", w.operator(farm), "POST", "/api/v1/tickets", json, `{"seller":{"uscc":"` + w.usccs[farm] + `"}}`, 400,
				[]string{`"field":"ticket_no"`, `"field":"buyer.uscc"`}},
			{"only a producer, not one's own", w.operator(retailer), "POST", "/api/v1/certificates", json, `{"producer":{"uscc":"` + w.usccs[farm] + `"}}`, 403, nil},
			{"only a ledger, not one's own", w.operator(retailer), "POST", "/api/v1/ledger-lines", json, `{"kind":"purchase","business":"` + w.usccs[farm] + `"}`, 403, nil},
			{"only a ledger, one's own", w.operator(farm), "POST", "/api/v1/ledger-lines", json, `{"kind":"purchase","business":"` + w.usccs[farm] + `"}`, 400, nil},
			{"form, not one's own", w.operator(retailer), "POST", "/tickets", "application/x-www-form-urlencoded", "seller.uscc=" + w.usccs[farm], 403, nil},
			{"over quantity", w.operator(farm), "POST", "/api/v1/tickets", json, ticketJSON("T9", farm, "701"), 400,
				[]string{`"rule":"ticket_over_quantity"`, `T9`, `700 kg`}},
			{"purchase of the ticket", w.operator(retailer), "POST", "/api/v1/ledger-lines", json, `{"kind":"purchase","business":"` + w.usccs[retailer] +
				`","counterparty":{"uscc":"` + w.usccs[farm] + `"},"date":"2025-12-01","ticket_no":"T1","product_name":"菠菜","batch_no":"B1","quantity":300,"unit":"千克"}`,
				200, []string{`"stored":0`}},
			{"unknown field", w.operator(farm), "POST", "/api/v1/tickets", json, `{"ticket":"T1"}`, 400, []string{`"rule":"json_unknown_field"`}},
			{"get ticket", w.operator(retailer), "GET", "/api/v1/tickets/T1", "", "", 200, []string{`"quantity":300`, `"uom":"KGM"`, `"batch_no":"B1"`}},
			{"ticket outside", w.operator(elsewhere), "GET", "/api/v1/tickets/T1", "", "", 404, nil},
			{"list", w.operator(market), "GET", "/tickets", "", "", 200, []string{`href="/tickets/T1"`, "<td>主体0</td>", `id="ticket-form"`}},
			{"list outside", w.operator(elsewhere), "GET", "/tickets", "", "", 200, []string{`暂无一票通`}},
			{"detail", w.operator(farm), "GET", "/tickets/T1", "", "", 200, []string{"合格", "urn:shejian:lot:" + w.usccs[farm] + ":B1"}},
			{"form", w.operator(farm), "POST", "/tickets", "application/x-www-form-urlencoded", form.Encode(), 303, nil},
			{"form detail", w.operator(farm), "GET", "/tickets/T%2F5", "", "", 200, []string{"赵六 (4321)", "5 KGM"}},
			{"bad form", w.operator(farm), "POST", "/tickets", "application/x-www-form-urlencoded", badForm.Encode(), 400,
				[]string{`id="ticket-form-error"`, "应为数字", `value="abc"`}},
			{"template", w.operator(farm), "GET", "/tickets/import/template", "", "", 200, []string{"PK"}},
			{"import refused", admin(), "POST", "/tickets/import", badType, badBody, 400, []string{`id="import-errors"`, "<td>一票通</td>", "担"}},
			{"import", admin(), "POST", "/tickets/import", goodType, goodBody, 200, []string{`id="import-success"`, `href="/tickets/T%2F5"`}},
			{"import garbage", admin(), "POST", "/tickets/import", sheets.ContentType, "garbage", 400, []string{`id="import-file-errors"`}},
		}
		for _, c := range calls {
			t.Run(c.name, func(t *testing.T) {
				req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body)).WithContext(web.WithLang(c.ctx, i18n.Chinese))
				if c.ctype != "" {
					req.Header.Set("Content-Type", c.ctype)
				}
				rec := httptest.NewRecorder()
				r.ServeHTTP(rec, req)
				body, _ := io.ReadAll(rec.Body)
				if rec.Code != c.status {
					t.Fatalf("%s %s: %d, want %d\n%s", c.method, c.path, rec.Code, c.status, body)
				}
				for _, want := range c.want {
					if !strings.Contains(string(body), want) {
						t.Errorf("answer lacks %q:\n%.2000s", want, body)
					}
				}
			})
		}
		if n := w.count(t, "epcis_events", "1 = 1"); n != 10 {
			t.Errorf("%d events stored, want 10: a certificate, a ticket, the form's ticket and the import's 5", n)
		}
	})
}
