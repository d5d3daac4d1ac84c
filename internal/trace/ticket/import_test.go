package ticket

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustWorkbook writes sheets of rows (the first a header row) as xlsx.
func mustWorkbook(tb testing.TB, sheets map[string][][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for name, rows := range sheets {
		if _, err := f.NewSheet(name); err != nil {
			tb.Fatal(err)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// importBook is a workbook of a certificate, two tickets of its lot and a purchase line; a
// given cell of a ticket row may be changed.
func (w *world) importBook(tb testing.TB, ticketRow map[string]any) []byte {
	tb.Helper()
	ticket := []any{"T2", "2025-12-01", w.usccs[market], w.usccs[farm], w.usccs[retailer], "菠菜", "B7", 200, "公斤", "合格"}
	header := []any{"票号", "日期", "market", "卖方统一社会信用代码", "买方统一社会信用代码 buyer.uscc", "品名", "批次号", "数量", "单位", "快检结果"}
	second := append([]any(nil), ticket...)
	for field, v := range ticketRow {
		for i, h := range header {
			if h == field {
				second[i] = v
			}
		}
	}
	second[0] = "T3"
	return mustWorkbook(tb, map[string][][]any{
		"合格证": {{"合格证编号", "开具日期", "生产者统一社会信用代码", "品名", "批次号", "数量", "单位", "产地"},
			{"HG-7", 45992, w.usccs[farm], "菠菜", "B7", 1000, "公斤", "浙江杭州"}}, // 45992 is 2025-12-01 as Excel counts
		"一票通":  {header, ticket, second},
		"进货台账": {{"台账主体统一社会信用代码", "进货日期", "供货方统一社会信用代码", "票号", "品名", "批次号", "数量", "单位"}, {w.usccs[retailer], "2025-12-01", w.usccs[farm], "T2", "菠菜", "B7", 200, "公斤"}},
	})
}

// TestImportAllOrNothing: a workbook is recorded whole, sheets in the order lots move; one
// bad row keeps every row out, and each problem names its sheet and row.
func TestImportAllOrNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		tests := []struct {
			name    string
			change  map[string]any
			stored  int
			problem Problem
		}{
			{"over quantity", map[string]any{"数量": 801}, 0, problemAt("一票通", 3, "quantity", "ticket_over_quantity", "801")},
			{"unknown unit", map[string]any{"单位": "担"}, 0, problemAt("一票通", 3, "unit", "unit", "担")},
			{"no number", map[string]any{"数量": "许多"}, 0, problemAt("一票通", 3, "quantity", "number", "许多")},
			{"good", nil, 5, Problem{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := w.rec.Import(system(), w.importBook(t, tt.change))
				if err != nil {
					t.Fatal(err)
				}
				if res.Stored != tt.stored || tt.problem.Rule == "" && len(res.Problems) > 0 {
					t.Fatalf("stored %d, problems %+v; want %d", res.Stored, res.Problems, tt.stored)
				}
				if tt.problem.Rule != "" && (len(res.Problems) != 1 || !sameProblem(res.Problems[0], tt.problem)) {
					t.Errorf("problems %+v, want %+v", res.Problems, tt.problem)
				}
				want := 0
				if tt.problem.Rule == "" {
					want = 5 // the certificate, two tickets of two events; the purchase is the first ticket's receiving
				}
				if n := w.count(t, "epcis_events", "1 = 1"); n != want {
					t.Errorf("%d events stored, want %d", n, want)
				}
			})
		}
	})
}

func problemAt(sheet string, row int, field, rule, value string) Problem {
	p := Problem{Sheet: sheet}
	p.Row, p.Field, p.Rule, p.Value = row, field, rule, value
	return p
}

func sameProblem(a, b Problem) bool {
	return a.Sheet == b.Sheet && a.Row == b.Row && a.Field == b.Field && a.Rule == b.Rule && a.Value == b.Value
}

// TestImportRefusesUnusableFiles: a file that is no workbook, or lacks a required column,
// is refused as a whole.
func TestImportRefusesUnusableFiles(t *testing.T) {
	w := newWorld(t, storetest.Open(t, store.SQLite))
	tests := []struct {
		name string
		data []byte
		rule string
	}{
		{"garbage", []byte("not a workbook"), "xlsx_corrupt"},
		{"no sheet of ours", mustWorkbook(t, map[string][][]any{"Sheet2": {{"a"}, {"b"}}}), "xlsx_no_rows"},
		{"missing column", mustWorkbook(t, map[string][][]any{"一票通": {{"票号", "日期"}, {"T1", "2025-12-01"}}}), "xlsx_missing_columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.rec.Import(system(), tt.data)
			p := problemOf(err)
			if len(p) != 1 || p[0].Field != "file" || p[0].Rule != tt.rule {
				t.Errorf("got %v, want file %s", err, tt.rule)
			}
		})
	}
}

// TestTemplateReadsBack: the template's header rows are read as the import reads them: a
// template with no rows is refused for having none, not for its columns.
func TestTemplateReadsBack(t *testing.T) {
	for _, lang := range i18n.Langs {
		var buf bytes.Buffer
		if err := writeTemplate(&buf, lang); err != nil {
			t.Fatal(err)
		}
		if _, err := readWorkbook(buf.Bytes()); len(problemOf(err)) != 1 || problemOf(err)[0].Rule != "xlsx_no_rows" {
			t.Errorf("%s: template read as %v", lang, err)
		}
	}
}
