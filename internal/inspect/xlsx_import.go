package inspect

import (
	"bytes"
	"cmp"
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
)

// Import reads a template workbook (as Export writes it) and stores it as a new draft
// version of its sector and region. Every bad cell is reported with its sheet row, its
// column ("items.area", "template.sector") and the rule it breaks, and then nothing is
// stored.
func (s *Service) Import(ctx context.Context, data []byte) (*ChecklistTemplate, error) {
	c, err := ReadWorkbook(data)
	if err != nil {
		return nil, err
	}
	return s.create(ctx, c, nil)
}

// Limits of an upload: what it may unpack to (against zip bombs), and its rows.
const (
	unpackLimit = 64 << 20
	maxRows     = maxItems + 100
)

// ReadWorkbook reads and checks a template workbook without storing it.
func ReadWorkbook(data []byte) (c Content, err error) {
	// A malformed upload must never become a 500; a panic here is a bug, logged as such.
	defer func() {
		if v := recover(); v != nil {
			slog.Error("read template workbook panicked", "panic", v)
			c, err = Content{}, fileError("inspect_xlsx_unreadable", nil)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unpackLimit, UnzipXMLSizeLimit: unpackLimit})
	if err != nil {
		return Content{}, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "inspect_xlsx_unreadable"}}, Err: err}
	}
	defer f.Close()
	info, items, err := sheetsOf(f)
	if err != nil {
		return Content{}, err
	}
	r := &workbookReader{}
	r.readInfo(info)
	if err := r.readItems(items); err != nil {
		return Content{}, err
	}
	return r.result()
}

// fileError is an Invalid error on the uploaded file as a whole.
func fileError(rule string, params map[string]any) error {
	return apperr.Fields(apperr.Field("file", rule, params))
}

// sheetsOf returns the rows of the info and items sheets, found by name in either language,
// else as the first and second sheet.
func sheetsOf(f *excelize.File) (info, items [][]string, err error) {
	list := f.GetSheetList()
	find := func(s sheetName, at int) string {
		for _, name := range list {
			if name == s.zh || strings.EqualFold(name, s.en) {
				return name
			}
		}
		if at < len(list) {
			return list[at]
		}
		return ""
	}
	infoName, itemsName := find(infoSheet, 0), find(itemsSheet, 1)
	if infoName == "" || itemsName == "" || infoName == itemsName {
		return nil, nil, fileError("inspect_xlsx_no_sheet", map[string]any{"sheets": infoSheet.zh + ", " + itemsSheet.zh})
	}
	raw := excelize.Options{RawCellValue: true}
	if info, err = f.GetRows(infoName, raw); err == nil {
		items, err = f.GetRows(itemsName, raw)
	}
	if err != nil {
		return nil, nil, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "inspect_xlsx_unreadable"}}, Err: err}
	}
	if len(items) > maxRows {
		return nil, nil, fileError("inspect_xlsx_too_many_rows", map[string]any{"max": maxRows})
	}
	return info, items, nil
}

// workbookReader gathers the content of a workbook, the sheet row of every value, and the
// cells it could not read.
type workbookReader struct {
	c        Content
	infoRow  map[string]int // info key → sheet row
	itemRows []int          // sheet row of c.Items[i]
	bad      []apperr.FieldError
}

func (r *workbookReader) fail(row int, field, rule string, params map[string]any) {
	r.bad = append(r.bad, apperr.FieldError{Row: row, Field: field, Rule: rule, Params: params})
}

// readInfo reads the key–value rows of the info sheet: the key in the first column (or the
// title in the second), the value in the third.
func (r *workbookReader) readInfo(rows [][]string) {
	r.infoRow = map[string]int{}
	values := map[string]string{}
	for i, cells := range rows {
		for _, col := range infoRows {
			if len(cells) > 0 && col.matches(cells[0]) || len(cells) > 1 && col.matches(cells[1]) {
				r.infoRow[col.key] = i + 1
				values[col.key] = cell(cells, 2)
			}
		}
	}
	r.c = Content{Sector: parseSector(values["sector"]), Region: values["region"], Title: values["title"],
		TitleEN: values["title_en"], Basis: values["basis"], Note: values["note"]}
	r.c.Rule.Source = values["rule_source"]
	var ok bool
	if r.c.Placeholder, ok = parseFlag(values["placeholder"]); !ok {
		r.fail(r.infoRow["placeholder"], "template.placeholder", "inspect_yes_no", nil)
	}
	r.c.Rule.MaxGeneralFailures = r.count(values, "max_general_failures")
	r.c.Rule.MaxKeyFailures = r.count(values, "max_key_failures")
}

// count reads a required whole number of the info sheet.
func (r *workbookReader) count(values map[string]string, key string) int {
	v := strings.TrimSpace(values[key])
	n, err := strconv.Atoi(v)
	switch {
	case v == "":
		r.fail(r.infoRow[key], "template."+key, "required", nil)
	case err != nil:
		r.fail(r.infoRow[key], "template."+key, "integer", nil)
	}
	return n
}

// readItems reads the items table: a header row naming the columns, then one item a row.
func (r *workbookReader) readItems(rows [][]string) error {
	var cols []column
	for i, cells := range rows {
		switch {
		case blank(cells):
		case cols == nil:
			var err error
			if cols, err = itemHeader(cells); err != nil {
				return err
			}
		default:
			r.readItem(i+1, cols, cells)
		}
	}
	if cols == nil {
		return fileError("inspect_xlsx_missing_columns", map[string]any{"columns": "编号, 检查内容, 检查项目"})
	}
	return nil
}

// itemHeader maps the header cells to columns; code, area and text are required.
func itemHeader(cells []string) ([]column, error) {
	cols := make([]column, len(cells))
	found := map[string]bool{}
	for i, h := range cells {
		for _, c := range itemColumns {
			if c.matches(h) && !found[c.key] {
				cols[i], found[c.key] = c, true
			}
		}
	}
	var missing []string
	for _, c := range itemColumns[:4] {
		if c.key != "key" && !found[c.key] {
			missing = append(missing, c.zh)
		}
	}
	if len(missing) > 0 {
		return nil, fileError("inspect_xlsx_missing_columns", map[string]any{"columns": strings.Join(missing, ", ")})
	}
	return cols, nil
}

// readItem reads one row of the items table.
func (r *workbookReader) readItem(row int, cols []column, cells []string) {
	var it ChecklistItem
	for i, c := range cols {
		v := cell(cells, i)
		var ok = true
		switch c.key {
		case "code":
			it.Code = v
		case "area":
			it.Area = v
		case "text":
			it.Text = v
		case "text_en":
			it.TextEN = v
		case "legal_basis":
			it.LegalBasis = v
		case "key":
			it.Key, ok = parseFlag(v)
		case "allow_na":
			it.AllowNA, ok = parseFlag(v)
		case "points":
			it.Points, ok = parsePoints(v)
		case "confidence":
			it.Confidence, ok = parseConfidence(v)
		}
		if !ok {
			r.fail(row, "items."+c.key, cellRule(c.key), nil)
		}
	}
	r.c.Items = append(r.c.Items, it)
	r.itemRows = append(r.itemRows, row)
}

// cellRule is the rule a cell of column key broke when it could not be read.
func cellRule(key string) string {
	switch key {
	case "points":
		return "number"
	case "confidence":
		return "inspect_confidence"
	}
	return "inspect_yes_no"
}

// result validates what was read and numbers every error by sheet row.
func (r *workbookReader) result() (Content, error) {
	c := r.c.normalized()
	bad := r.bad
	for _, f := range apperr.From(c.Validate()).Fields {
		if f.Row > 0 {
			f.Row, f.Field = r.itemRows[f.Row-1], "items."+f.Field
		} else if f.Field != "items" {
			key := strings.TrimPrefix(f.Field, "rule.")
			f.Row, f.Field = r.infoRow[key], "template."+key
		}
		if !slices.ContainsFunc(bad, func(b apperr.FieldError) bool { return b.Row == f.Row && b.Field == f.Field }) {
			bad = append(bad, f)
		}
	}
	if len(bad) == 0 {
		return c, nil
	}
	slices.SortStableFunc(bad, func(a, b apperr.FieldError) int {
		return cmp.Or(cmp.Compare(sheetOrder(a.Field), sheetOrder(b.Field)), cmp.Compare(a.Row, b.Row))
	})
	return Content{}, apperr.Fields(bad...)
}

// sheetOrder puts the errors of the info sheet before those of the items.
func sheetOrder(field string) int {
	if strings.HasPrefix(field, "items") {
		return 1
	}
	return 0
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return strings.TrimSpace(cells[i])
	}
	return ""
}

func blank(cells []string) bool {
	return !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" })
}
