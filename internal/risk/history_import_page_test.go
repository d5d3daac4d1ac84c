package risk

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"mime/multipart"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestHistoryImportPage: the bureau uploads a history file on the import page; a file with
// one bad row, or a row naming a business of another district, writes nothing and lists
// each bad cell by row, field and rule; a good file is imported and counted, and imported
// again only counts repeats. The operator, a role without risk rights and the public cannot
// import.
func TestHistoryImportPage(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		good := "uscc,kind,date,result\n" + w.shopUSCC + ",inspection,2026-01-05,non_compliant\n" + w.shopUSCC + ",complaint,2026-02-01,\n"
		upload := func(name string, who caller, csv string, status int, want ...string) formCase {
			contentType, body := multipartFile(t, "history.csv", csv)
			return formCase{name: name, who: who, method: "POST", path: "/risk/history/import", contentType: contentType, body: body, status: status, want: want}
		}
		refused := func(errors int) string {
			return `id="import-refused">` + i18n.T(i18n.Chinese, "risk.import_refused", map[string]any{"errors": errors})
		}
		imported := upload("imported", w.bureau, good, 200, `id="import-success">`+i18n.T(i18n.Chinese, "risk.import.done", map[string]any{"rows": 2, "imported": 2, "repeats": 0}))
		imported.saves = true
		err := st.Tx(context.Background(), func(tx *sql.Tx) error {
			return correctEvents(context.Background(), tx, st.Dialect(), EventPenalty, "罚〔2026〕1号", "revoked 2026-04-01")
		})
		if err != nil {
			t.Fatal(err)
		}
		w.run([]formCase{
			{name: "the form", who: w.bureau, method: "GET", path: "/risk/history/import", status: 200,
				want: []string{`name="csrf" value="` + csrfToken + `"`, `enctype="multipart/form-data"`, `data-progress`, `<progress id="import-progress" hidden>`,
					`href="/risk/history/import/example.csv"`, `<code>full_checklist</code> / <code>全项检查</code>`, `<code>non_compliant</code> 不符合`}},
			{name: "the operator may not import", who: w.operator, method: "GET", path: "/risk/history/import", status: 403},
			{name: "the public is sent to log in", who: w.anonymous, method: "GET", path: "/risk/history/import", status: 303, want: []string{"/login"}},
			{name: "the example file", who: w.bureau, method: "GET", path: "/risk/history/import/example.csv", status: 200,
				want: []string{"\ufeff统一社会信用代码,事件类型,日期,截止日期,检查结果,全项检查,文书编号\r\n"}},
			{name: "the example file in English", who: w.bureau, lang: i18n.English, method: "GET", path: "/risk/history/import/example.csv", status: 200,
				want: []string{"uscc,kind,date,until,result,full_checklist,ref\r\n"}},
			upload("one bad row refuses the file", w.bureau, good+w.shopUSCC+",inspection,2026-13-01,basic\n", 400,
				refused(1), "<tr><td>4</td><td>日期</td><td>"+i18n.T(i18n.Chinese, "rule.date", nil)+"</td></tr>"),
			upload("every bad cell by row", w.bureau, "uscc,kind,date,result\n,visit,2026-01-05,\n"+w.shopUSCC+",complaint,2026-01-05,basic\n", 400,
				refused(3), "<tr><td>2</td><td>统一社会信用代码</td><td>"+i18n.T(i18n.Chinese, "rule.required", nil)+"</td></tr>",
				"<tr><td>2</td><td>事件类型</td>", "<tr><td>3</td><td>检查结果</td><td>"+i18n.T(i18n.Chinese, "rule.inspection_only", nil)+"</td></tr>"),
			upload("a row of another district refuses the file", w.bureau, good+w.foreignUSCC+",complaint,2026-02-01,\n", 403,
				refused(1), "<tr><td>4</td><td>统一社会信用代码</td><td>"+i18n.T(i18n.Chinese, "rule.out_of_scope", nil)+"</td></tr>"),
			upload("a file without its columns", w.bureau, "uscc,date\n"+w.shopUSCC+",2026-01-05\n", 400, `id="import-file-errors"`),
			upload("no file", w.bureau, "", 400, `id="import-file-errors"`),
			upload("the operator may not upload", w.operator, good, 403),
			upload("nor a role without risk rights", w.nobody, good, 403),
			upload("the public is sent to log in", w.anonymous, good, 303, "/login"),
			{name: "in English", who: w.bureau, lang: i18n.English, method: "POST", path: "/risk/history/import", contentType: imported.contentType,
				body: strings.Replace(imported.body, "2026-01-05", "2026-01-99", 1), status: 400, want: []string{"<tr><td>2</td><td>Date</td><td>must be a date"}},
			imported,
			upload("imported again, only repeats", w.bureau, good, 200,
				i18n.T(i18n.Chinese, "risk.import.done", map[string]any{"rows": 2, "imported": 0, "repeats": 2}), `id="import-repeats">`+i18n.T(i18n.Chinese, "risk.import.repeat_rows", nil)+" 2, 3"),
			upload("a revoked decision is left out", w.bureau, "uscc,kind,date,ref\n"+w.shopUSCC+",penalty,2026-03-01,罚〔2026〕1号\n", 200,
				`id="import-corrected">`+i18n.T(i18n.Chinese, "risk.import.corrected_rows", map[string]any{"n": 1})+" 2"),
		})
	})
}

// multipartFile is a form posting csv as the file name with the session's CSRF token; an
// empty csv posts no file at all.
func multipartFile(t *testing.T, name, csv string) (contentType, body string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("csrf", csrfToken); err != nil {
		t.Fatal(err)
	}
	if csv != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err == nil {
			_, err = io.WriteString(fw, csv)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.String()
}

// TestExampleHistoryFiles: each language's example file reads without a bad cell (its
// businesses aside, which no city has), and the page's Chinese names of event kinds and
// results are those the import takes.
func TestExampleHistoryFiles(t *testing.T) {
	for _, lang := range i18n.Langs {
		data, err := examples.ReadFile("examples/history." + string(lang) + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := readTable(data)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		at, err := columnIndexes(rows[0])
		if err != nil || len(at) != len(historyColumns) {
			t.Fatalf("%s: columns %v, %v; want all %d", lang, at, err, len(historyColumns))
		}
		if _, _, bad := parseHistory(rows[1:], at, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); len(bad) > 0 || len(rows) < 3 {
			t.Errorf("%s: %d rows, bad cells %+v", lang, len(rows)-1, bad)
		}
	}
	for label, kind := range kindLabels {
		if got := i18n.T(i18n.Chinese, "risk.kind."+string(kind), nil); got != label {
			t.Errorf("the page names %s %q, the import takes %q", kind, got, label)
		}
	}
	for label, result := range resultLabels {
		if got := i18n.T(i18n.Chinese, "risk.result."+result, nil); got != label {
			t.Errorf("the page names %s %q, the import takes %q", result, got, label)
		}
	}
	if len(kindLabels) != len(EventKinds) {
		t.Errorf("%d kinds, %d with a Chinese name", len(EventKinds), len(kindLabels))
	}
}
