package sheets

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// server is the handler behind a router, called as a logged-in user.
type server struct {
	t      *testing.T
	router *web.Router
	tree   tree
}

func newServer(t *testing.T, st *store.Store) *server {
	r := web.NewRouter(nil)
	NewHandler(st, registry.NewBusinessStore(st), registry.NewOrgStore(st)).Routes(r)
	return &server{t: t, router: r, tree: mustTree(t, st)}
}

// do sends a request as user id (0: anonymous) in lang.
func (s *server) do(method, path, contentType string, body io.Reader, user int64, lang i18n.Lang) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	ctx := web.WithLang(req.Context(), lang)
	if user != 0 {
		ctx = web.WithUser(ctx, &web.User{ID: user, Login: "u" + strconv.FormatInt(user, 10), Role: string(access.RoleCityAdmin), CSRFToken: "csrf-token"})
		ctx = access.WithScope(ctx, access.Everywhere)
	}
	rec := httptest.NewRecorder()
	s.router.ServeHTTP(rec, req.WithContext(ctx))
	return rec
}

// form is a multipart body with data as field "file".
func form(t *testing.T, data []byte) (string, io.Reader) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("csrf", "csrf-token")
	part, err := w.CreateFormFile("file", "主体.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestHandlerScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := newServer(t, st)
		station := s.tree.Station.ID
		good := func(from int) []byte {
			return mustWorkbook(t, []sheetRow{{In: goodInput(from, station)}, {In: goodInput(from+1, station)}})
		}
		bad := mustWorkbook(t, []sheetRow{{In: goodInput(50, station)}, {In: withUSCC(goodInput(51, station), wrongCheck(testUSCC(51)))}})
		cases := []struct {
			name, method, path, ctype string
			body                      func() (string, io.Reader)
			lang                      i18n.Lang
			status                    int
			wantType                  string
			want                      []string
		}{
			{name: "form", method: "GET", path: "/businesses/import", status: 200, wantType: "text/html",
				want: []string{`data-progress`, `<progress id="import-progress" hidden>`, `name="csrf" value="csrf-token"`, `name="file"`, `enctype="multipart/form-data"`}},
			{name: "template", method: "GET", path: "/businesses/import/template", status: 200, wantType: ContentType,
				want: []string{"PK"}},
			{name: "api template", method: "GET", path: "/api/v1/businesses/import-template", status: 200, wantType: ContentType},
			{name: "page import", method: "POST", path: "/businesses/import", body: func() (string, io.Reader) { return form(t, good(1)) },
				status: 200, wantType: "text/html", want: []string{`id="import-success"`, "已导入 2 个主体"}},
			{name: "page import bad rows", method: "POST", path: "/businesses/import", body: func() (string, io.Reader) { return form(t, bad) },
				status: 400, wantType: "text/html", want: []string{`id="import-errors"`, `<td>3</td>`, "统一社会信用代码 uscc", `href="/businesses/import/reports/`}},
			{name: "page corrupt file", method: "POST", path: "/businesses/import", body: func() (string, io.Reader) { return form(t, []byte("garbage")) },
				status: 400, wantType: "text/html", want: []string{`id="import-file-errors"`, "不是有效的 Excel 工作簿"}},
			{name: "page no file", method: "POST", path: "/businesses/import", body: func() (string, io.Reader) { return form(t, nil) },
				lang: i18n.English, status: 400, wantType: "text/html", want: []string{"File: is required"}},
			{name: "api import", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return ContentType, bytes.NewReader(good(3)) },
				status: 201, wantType: "application/json", want: []string{`{"imported":2}`}},
			{name: "api import multipart", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return form(t, good(5)) },
				status: 201, wantType: "application/json", want: []string{`{"imported":2}`}},
			{name: "api duplicates of earlier import", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return ContentType, bytes.NewReader(good(3)) },
				status: 400, wantType: "application/problem+json", want: []string{`"row":2}`, `"rule":"duplicate"`, `"report":"/businesses/import/reports/`}},
			{name: "api bad rows in english", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return ContentType, bytes.NewReader(bad) },
				lang: i18n.English, status: 400, wantType: "application/problem+json", want: []string{`"field":"uscc"`, `"rule":"uscc_checksum"`, `"row":3`, `"message":"`}},
			{name: "api corrupt", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return ContentType, strings.NewReader("PK\x03\x04 broken") },
				status: 400, wantType: "application/problem+json", want: []string{`"field":"file"`, `"rule":"xlsx_corrupt"`}},
			{name: "api oversize", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) {
				return ContentType, io.LimitReader(zeros{}, MaxUpload+1)
			}, status: 400, wantType: "application/problem+json", want: []string{`"field":"file"`, `"rule":"upload_too_large"`}},
			{name: "api wrong type", method: "POST", path: "/api/v1/businesses/import", body: func() (string, io.Reader) { return "text/csv", strings.NewReader("a,b") },
				status: 400, wantType: "application/problem+json", want: []string{`"rule":"upload_content_type"`}},
			{name: "export", method: "GET", path: "/businesses/export?station=" + strconv.FormatInt(station, 10), status: 200, wantType: ContentType},
			{name: "api export bad filter", method: "GET", path: "/api/v1/businesses/export?expiry_before=tomorrow&station=x", status: 400,
				wantType: "application/problem+json", want: []string{`"field":"expiry_before"`, `"field":"station"`}},
			{name: "someone else's report", method: "GET", path: "/businesses/import/reports/NOSUCHREPORT", status: 404},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				ctype, body := "", io.Reader(nil)
				if c.body != nil {
					ctype, body = c.body()
				}
				lang := c.lang
				if lang == "" {
					lang = i18n.Chinese
				}
				rec := s.do(c.method, c.path, ctype, body, 1, lang)
				if rec.Code != c.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), c.wantType) {
					t.Fatalf("%s %s: %d %s, want %d %s\n%s", c.method, c.path, rec.Code, rec.Header().Get("Content-Type"), c.status, c.wantType, rec.Body.String())
				}
				for _, w := range c.want {
					if !strings.Contains(rec.Body.String(), w) {
						t.Errorf("body lacks %q:\n%s", w, rec.Body.String())
					}
				}
			})
		}
	})
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReportDownload(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := newServer(t, st)
		bad := mustWorkbook(t, []sheetRow{
			{In: goodInput(1, s.tree.Station.ID), Raw: map[string]any{"lat": "abc"}},
			{In: goodInput(2, s.tree.Station.ID), Raw: map[string]any{"licence_issued": "2024-02-30"}},
		})
		rec := s.do("POST", "/api/v1/businesses/import", ContentType, bytes.NewReader(bad), 1, i18n.English)
		var p struct {
			Report string             `json:"report"`
			Errors []web.ProblemField `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != 400 {
			t.Fatalf("import: %d %s", rec.Code, rec.Body.String())
		}
		if !regexp.MustCompile(`^/businesses/import/reports/[A-Z2-7]+$`).MatchString(p.Report) {
			t.Fatalf("report link %q", p.Report)
		}
		if other := s.do("GET", p.Report, "", nil, 2, i18n.English); other.Code != http.StatusNotFound {
			t.Errorf("another user's download: %d, want 404", other.Code)
		}
		rec = s.do("GET", p.Report, "", nil, 1, i18n.English)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Fatalf("download: %d %v", rec.Code, rec.Header())
		}
		rows := mustRows(t, rec.Body.Bytes(), "Errors")
		want := [][]string{
			{"Row", "Column", "Value", "Problem"},
			{"2", "纬度 lat", "abc", "Latitude: must be a number"},
			{"3", "发证日期 licence_issued", "2024-02-30", ""},
		}
		if len(rows) != len(want) {
			t.Fatalf("report rows %q, want %q", rows, want)
		}
		for i, w := range want {
			for j, cell := range w {
				if cell != "" && rows[i][j] != cell {
					t.Errorf("report row %d col %d = %q, want %q", i+1, j+1, rows[i][j], cell)
				}
			}
		}
	})
}
