package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

func TestParseRefusesUnusableFiles(t *testing.T) {
	good := goodInput(1, 5)
	cases := []struct {
		name string
		data []byte
		rule string
	}{
		{"random bytes", []byte("this is not a workbook at all"), "xlsx_corrupt"},
		{"old xls header", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "xlsx_corrupt"},
		{"zip without workbook", mustZip(t, "hello.txt", "hi"), "xlsx_corrupt"},
		{"truncated workbook", mustWorkbook(t, []sheetRow{{In: good}})[:300], "xlsx_corrupt"},
		{"empty workbook", mustBytes(t, excelize.NewFile()), "xlsx_no_rows"},
		{"header only", mustWorkbook(t, nil), "xlsx_no_rows"},
		{"missing columns", mustSheet(t, [][]any{{"uscc", "name"}, {good.USCC, good.Name}}), "xlsx_missing_columns"},
		{"duplicate column", mustSheet(t, [][]any{{"uscc", "统一社会信用代码"}, {good.USCC, good.USCC}}), "xlsx_duplicate_column"},
		{"no sheet", withPart(t, mustBytes(t, excelize.NewFile()), "xl/workbook.xml", noSheets), "xlsx_no_sheet"},
		{"damaged sheet", mustDamaged(t, mustWorkbook(t, []sheetRow{{In: good}, {In: goodInput(2, 5)}})), "xlsx_corrupt"},
		{"zip bomb", mustBomb(t), "xlsx_unpacked_too_large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(c.data)
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "file" || e.Fields[0].Rule != c.rule {
				t.Fatalf("parse: %v, want invalid file %s", err, c.rule)
			}
		})
	}
}

// noSheets empties the sheet list of a workbook part.
func noSheets(wb string) string {
	start, end := strings.Index(wb, "<sheets>"), strings.Index(wb, "</sheets>")
	return wb[:start+len("<sheets>")] + wb[end:]
}

func TestParse1904Dates(t *testing.T) {
	f, err := newWorkbook(DataSheet)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: new(true)}); err != nil {
		t.Fatal(err)
	}
	header, row := rowValues(goodInput(1, 5)), rowValues(goodInput(1, 5))
	for i, c := range inputColumns {
		header[i] = c.Header()
		if c.Field == "licence_expiry" {
			row[i] = 47123 // 2029-01-05 counted from 1900, four years and a day later from 1904
		}
	}
	for n, values := range [][]any{header, row} {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := f.SetSheetRow(DataSheet, cell, &values); err != nil {
			t.Fatal(err)
		}
	}
	p, err := parse(mustBytes(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Inputs[0].LicenceExpiry; got != "2033-01-06" {
		t.Errorf("licence expiry %s, want 2033-01-06", got)
	}
}

// FuzzParseSheet feeds arbitrary worksheet XML under the template's header: parsing must
// end in rows or an Invalid error on the file, and never panic (parse would turn a panic
// into xlsx_corrupt; the fuzz test calls parseWorkbook to see it).
func FuzzParseSheet(f *testing.F) {
	f.Add(`<row r="2"><c r="A2" t="inlineStr"><is><t>91330106MA00000016</t></is></c><c r="N2"><v>30.2</v></c></row>`)
	f.Add(`<row r="2"><c r="A2" t="s"><v>0</v></c><c><f>1</f><v>&#x4E2D;</v></c></row><row/>`)
	f.Add(`<row r="3"><c r="B3"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row><!-- > --><![CDATA[x]]>`)
	f.Add(`<row r="2"><c r="A2" t="s"><v>7</v></c></row><row r="1"></row><row r="1048577"/>`)
	template := mustWorkbook(f, nil)
	f.Fuzz(func(t *testing.T, rows string) {
		data := withPart(t, template, "xl/worksheets/sheet1.xml", func(sheet string) string {
			end := strings.Index(sheet, "</sheetData>")
			return sheet[:end] + rows + sheet[end:]
		})
		_, err := parseWorkbook(data)
		if fields := apperr.From(err).Fields; err != nil && (len(fields) != 1 || fields[0].Field != "file") {
			t.Fatalf("parse: %v", err)
		}
	})
}

func TestHeaderMatching(t *testing.T) {
	uscc, _ := columnByField("uscc")
	area, _ := columnByField("floor_area")
	cases := []struct {
		c      column
		header string
		want   bool
	}{
		{uscc, "uscc", true},
		{uscc, "USCC", true},
		{uscc, "统一社会信用代码", true},
		{uscc, "统一社会信用代码 uscc", true},
		{uscc, " 统一社会信用代码\nuscc ", true},
		{uscc, "*统一社会信用代码 uscc", true},
		{uscc, "uscc 统一社会信用代码", true},
		{uscc, "信用代码", false},
		{uscc, "name", false},
		{area, "经营面积（平方米） floor_area", true},
		{area, "floor_area", true},
	}
	for _, c := range cases {
		if got := c.c.matches(c.header); got != c.want {
			t.Errorf("%s matches %q = %v, want %v", c.c.Field, c.header, got, c.want)
		}
	}
}

func TestParseCells(t *testing.T) {
	in := goodInput(1, 5)
	cases := []struct {
		name  string
		raw   map[string]any
		check func(registry.BusinessInput) bool
		bad   []string
	}{
		{"slashed date", map[string]any{"licence_issued": "2024/1/5"}, func(p registry.BusinessInput) bool { return p.LicenceIssued == "2024-01-05" }, nil},
		{"date serial", map[string]any{"licence_expiry": 47123}, func(p registry.BusinessInput) bool { return p.LicenceExpiry == "2029-01-05" }, nil},
		{"iso date cell", map[string]any{"licence_issued": "2024-01-05T00:00:00"}, func(p registry.BusinessInput) bool { return p.LicenceIssued == "2024-01-05" }, nil},
		{"text date kept", map[string]any{"licence_expiry": "明年"}, func(p registry.BusinessInput) bool { return p.LicenceExpiry == "明年" }, nil},
		{"integer as float", map[string]any{"employee_count": 12.0, "station_id": "5"}, func(p registry.BusinessInput) bool { return p.EmployeeCount == 12 && p.StationID == 5 }, nil},
		{"blank optional id", map[string]any{"grid_id": ""}, func(p registry.BusinessInput) bool { return p.GridID == nil }, nil},
		{"optional id", map[string]any{"market_id": 42}, func(p registry.BusinessInput) bool { return p.MarketID != nil && *p.MarketID == 42 }, nil},
		{"not numbers", map[string]any{"lat": "N30", "lng": "NaN", "daily_diners": "1.5", "grid_id": "x"}, nil,
			[]string{"row 2 grid_id integer", "row 2 lat number", "row 2 lng number", "row 2 daily_diners integer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := parse(mustWorkbook(t, []sheetRow{{In: in, Raw: c.raw}}))
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(p.Bad); !slices.Equal(got, c.bad) {
				t.Errorf("bad cells %v, want %v", got, c.bad)
			}
			if c.check != nil && !c.check(p.Inputs[0]) {
				t.Errorf("parsed %+v", p.Inputs[0])
			}
		})
	}
}

func TestParseSkipsExampleAndBlankRows(t *testing.T) {
	header := make([]any, len(inputColumns))
	for i, c := range inputColumns {
		header[i] = c.Title
	}
	rows := [][]any{header, rowValues(Places{}.example()), {}, {nil, " "}, rowValues(goodInput(1, 5))}
	p, err := parse(mustSheet(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Inputs) != 1 || p.SheetRows[0] != 5 {
		t.Fatalf("inputs %d at rows %v, want 1 at row 5", len(p.Inputs), p.SheetRows)
	}
}

func TestColumnsCoverBusinessInput(t *testing.T) {
	for f := range reflect.TypeFor[registry.BusinessInput]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if _, ok := columnByField(name); !ok {
			t.Errorf("field %s of BusinessInput has no column", f.Name)
		}
	}
}

// mustSheet writes rows as they are to the data sheet of a new workbook.
func mustSheet(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f, err := newWorkbook(DataSheet)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(DataSheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	return mustBytes(t, f)
}

func mustZip(t *testing.T, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(body))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withPart rewrites the part name of the xlsx data through edit.
func withPart(tb testing.TB, data []byte, name string, edit func(string) string) []byte {
	tb.Helper()
	return repack(tb, data, zip.Deflate, func(part, body string) string {
		if part == name {
			return edit(body)
		}
		return body
	})
}

// mustDamaged stores the parts of the xlsx data uncompressed and changes one byte in the
// middle of the sheet, as a damaged upload would: the zip still opens.
func mustDamaged(tb testing.TB, data []byte) []byte {
	tb.Helper()
	damaged := repack(tb, data, zip.Store, func(_, body string) string { return body })
	row := bytes.Index(damaged, []byte(`<row r="3"`))
	damaged[row+1] = '!'
	return damaged
}

// repack writes the parts of the zip data anew with method, their bodies through edit.
func repack(tb testing.TB, data []byte, method uint16, edit func(part, body string) string) []byte {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	out := zip.NewWriter(&buf)
	for _, part := range z.File {
		rc, err := part.Open()
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		w, err := out.CreateHeader(&zip.FileHeader{Name: part.Name, Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, edit(part.Name, string(body)))
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// mustBomb is a zip whose sheet claims to unpack past unpackLimit.
func mustBomb(tb testing.TB) []byte {
	tb.Helper()
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Close()
	var buf bytes.Buffer
	out := zip.NewWriter(&buf)
	w, err := out.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: unpackLimit + 1})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(packed.Bytes())
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
